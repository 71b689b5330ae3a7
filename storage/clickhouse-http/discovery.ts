/**
 * How other processes find the running interface: `earshot up` writes `<dataDir>/clickhouse-http.json`
 * (mode 0600: url, host, port, database, pid) while it serves, and removes it on a clean stop. `earshot sql`,
 * `status` and `connect` read it together with the users file (users.ts).
 */
import { chmodSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '../../platform/process.js';

/** Name of the discovery file inside Earshot's data dir. */
export const ENDPOINT_FILE = 'clickhouse-http.json';

export interface HttpEndpointInfo {
  /** `http://host:port` as clients should dial it (loopback when listening on every interface). */
  url: string;
  host: string;
  port: number;
  database: string;
  pid: number;
}

/** Writes the discovery file atomically (0600); returns a function that removes it if it is still ours. */
export function publishHttpEndpoint(dataDir: string, info: Omit<HttpEndpointInfo, 'pid'>): () => void {
  const file = join(dataDir, ENDPOINT_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ ...info, pid: process.pid }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  return () => {
    if (readHttpEndpoint(dataDir)?.pid === process.pid) unlinkSync(file);
  };
}

/** The endpoint of a live `earshot up` on `dataDir`, or null (no file, unreadable, or its process is gone). */
export function readHttpEndpoint(dataDir: string): HttpEndpointInfo | null {
  try {
    const info = JSON.parse(readFileSync(join(dataDir, ENDPOINT_FILE), 'utf8')) as Partial<HttpEndpointInfo>;
    if (typeof info.url !== 'string' || typeof info.port !== 'number' || typeof info.pid !== 'number')
      return null;
    if (!isProcessAlive(info.pid)) return null;
    return info as HttpEndpointInfo;
  } catch {
    return null;
  }
}
