/**
 * A local HTTP server implementing the documented Grafana API contract the publisher uses (tech reference
 * B5): Bearer auth (401), folders (GET 404 / POST, 412 when the uid exists), datasources by uid (GET 404 /
 * POST / PUT), dashboards (GET /api/dashboards/uid/:uid with meta, POST /api/dashboards/db with version
 * checks: 412 version-mismatch, name-exists in the folder; `id: null` creates). Injected failures answer
 * a given status for matching requests.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

export interface FakeGrafana {
  url: string;
  token: string;
  folders: Map<string, Json>;
  datasources: Map<string, Json>;
  dashboards: Map<
    string,
    { dashboard: Json; folderUid: string; version: number; id: number; messages: string[] }
  >;
  /** Every request as `METHOD path`. */
  requests: string[];
  /** The next request matching `match` answers `status` (with `body`), once or `times` times. */
  fail(match: RegExp, status: number, body?: Json, headers?: Record<string, string>, times?: number): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Json> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text ? (JSON.parse(text) as Json) : {};
}

export async function startFakeGrafana(token = 'glsa_test_token'): Promise<FakeGrafana> {
  const failures: Array<{
    match: RegExp;
    status: number;
    body: Json;
    headers: Record<string, string>;
    times: number;
  }> = [];
  let nextId = 1;
  const state = {
    folders: new Map<string, Json>(),
    datasources: new Map<string, Json>(),
    dashboards: new Map() as FakeGrafana['dashboards'],
    requests: [] as string[],
  };
  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const key = `${req.method} ${path}`;
    state.requests.push(key);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const failure = failures.find((f) => f.match.test(key) && f.times > 0);
    if (failure) {
      failure.times -= 1;
      return send(failure.status, failure.body, failure.headers);
    }
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { message: 'Unauthorized' });
    const body = req.method === 'GET' ? {} : await readBody(req);
    let m: RegExpExecArray | null;
    if ((m = /^\/api\/folders\/([^/]+)$/.exec(path)) && req.method === 'GET') {
      const folder = state.folders.get(decodeURIComponent(m[1]!));
      return folder ? send(200, folder) : send(404, { message: 'folder not found' });
    }
    if (path === '/api/folders' && req.method === 'POST') {
      const uid = String(body.uid);
      if (state.folders.has(uid)) return send(412, { message: 'a folder with the same uid already exists' });
      state.folders.set(uid, { uid, title: body.title, version: 1 });
      return send(200, state.folders.get(uid));
    }
    if ((m = /^\/api\/datasources\/uid\/([^/]+)$/.exec(path))) {
      const uid = decodeURIComponent(m[1]!);
      const found = state.datasources.get(uid);
      if (req.method === 'GET')
        return found ? send(200, found) : send(404, { message: 'Data source not found' });
      if (req.method === 'PUT') {
        if (!found) return send(404, { message: 'Data source not found' });
        const { secureJsonData: _s, ...visible } = body;
        state.datasources.set(uid, { ...visible, id: found.id, uid, secureJsonFields: { password: true } });
        return send(200, { message: 'Datasource updated' });
      }
    }
    if (path === '/api/datasources' && req.method === 'POST') {
      const { secureJsonData: _s, ...visible } = body;
      if ([...state.datasources.values()].some((d) => d.name === body.name)) {
        return send(409, { message: 'data source with the same name already exists' });
      }
      state.datasources.set(String(body.uid), {
        ...visible,
        id: nextId++,
        secureJsonFields: { password: true },
      });
      return send(200, { message: 'Datasource added' });
    }
    if ((m = /^\/api\/dashboards\/uid\/([^/]+)$/.exec(path)) && req.method === 'GET') {
      const stored = state.dashboards.get(decodeURIComponent(m[1]!));
      if (!stored) return send(404, { message: 'Dashboard not found' });
      return send(200, {
        dashboard: { ...stored.dashboard, id: stored.id, version: stored.version },
        meta: {
          folderUid: stored.folderUid,
          version: stored.version,
          url: `/d/${String(stored.dashboard.uid)}`,
        },
      });
    }
    if (path === '/api/dashboards/db' && req.method === 'POST') {
      const dashboard = body.dashboard as Json;
      const uid = String(dashboard.uid);
      const folderUid = String(body.folderUid ?? '');
      const stored = state.dashboards.get(uid);
      const clash = [...state.dashboards.values()].find(
        (d) => d.folderUid === folderUid && d.dashboard.title === dashboard.title && d.dashboard.uid !== uid,
      );
      if (clash)
        return send(412, {
          status: 'name-exists',
          message: 'A dashboard with the same name in the folder already exists',
        });
      if (stored && body.overwrite !== true && dashboard.version !== stored.version) {
        return send(412, {
          status: 'version-mismatch',
          message: 'The dashboard has been changed by someone else',
        });
      }
      if (!stored && dashboard.id !== null)
        return send(404, { status: 'not-found', message: 'Dashboard not found' });
      const { id: _id, version: _v, ...content } = dashboard;
      const next = {
        dashboard: content,
        folderUid,
        version: (stored?.version ?? 0) + 1,
        id: stored?.id ?? nextId++,
        messages: [...(stored?.messages ?? []), String(body.message ?? '')],
      };
      state.dashboards.set(uid, next);
      return send(200, {
        id: next.id,
        uid,
        url: `/d/${uid}`,
        status: 'success',
        version: next.version,
        slug: uid,
      });
    }
    return send(404, { message: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    ...state,
    fail(match, status, body = { message: `HTTP ${status}` }, headers = {}, times = 1) {
      failures.push({ match, status, body, headers, times });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
