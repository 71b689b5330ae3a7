/**
 * The users of the embedded store's ClickHouse HTTP interface and their generated passwords, kept in
 * `<dataDir>/clickhouse-users.json` (mode 0600, created on first `earshot up`, stable across restarts so a
 * configured DBeaver or Grafana keeps working).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StorageError } from '../../core/errors.js';

/** Users of the HTTP interface. */
export const HTTP_USERS = ['analyst', 'grafana', 'writer'] as const;
export type HttpUser = (typeof HTTP_USERS)[number];

/** What each user may do (enforced by the chDB session each request runs on, see engine.ts). */
export const USER_ROLES: Readonly<Record<HttpUser, string>> = {
  analyst: 'read-only (like ClickHouse readonly=1), may set output-format and query-limit settings',
  grafana: 'read-only, may set max_execution_time and output-format settings',
  writer: 'reads and INSERTs for extra `earshot worker` processes; DDL refused',
};

/** Name of the credentials file inside Earshot's data dir. */
export const USERS_FILE = 'clickhouse-users.json';

export type HttpCredentials = Readonly<Record<HttpUser, string>>;

/** Reads the credentials file, creating it with fresh passwords when absent (or missing a user). */
export function ensureHttpUsers(dataDir: string): HttpCredentials {
  const existing = readHttpUsers(dataDir);
  if (existing) return existing;
  const fresh = Object.fromEntries(
    HTTP_USERS.map((user) => [user, randomBytes(18).toString('base64url')]),
  ) as Record<HttpUser, string>;
  const file = join(dataDir, USERS_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ users: fresh }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  return fresh;
}

/** The stored credentials, or null when the file is absent or incomplete. */
export function readHttpUsers(dataDir: string): HttpCredentials | null {
  let parsed: { users?: Partial<Record<string, unknown>> };
  try {
    parsed = JSON.parse(readFileSync(join(dataDir, USERS_FILE), 'utf8')) as typeof parsed;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StorageError(
      `Cannot read ${join(dataDir, USERS_FILE)}: ${String(error)}. Delete it to have \`earshot up\` generate new passwords.`,
      { cause: error },
    );
  }
  const users = parsed.users ?? {};
  if (!HTTP_USERS.every((user) => typeof users[user] === 'string' && users[user] !== '')) return null;
  return users as HttpCredentials;
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** The user whose password matches, in constant time per user; null when the name or password is wrong. */
export function authenticate(credentials: HttpCredentials, user: string, password: string): HttpUser | null {
  if (!(HTTP_USERS as readonly string[]).includes(user)) return null;
  const name = user as HttpUser;
  return timingSafeEqual(digest(credentials[name]), digest(password)) ? name : null;
}
