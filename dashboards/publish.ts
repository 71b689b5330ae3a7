/**
 * Publishes the dashboards through Grafana's HTTP API (legacy `/api`, tech reference B5): ensures the folder,
 * optionally creates or updates the ClickHouse datasource, then creates or updates every dashboard with
 * `POST /api/dashboards/db`. A dashboard whose stored JSON already equals ours is left alone, so publishing
 * twice changes nothing (no new version). Updates send the stored `version` (not `overwrite`), so an edit
 * made in Grafana meanwhile is detected (412 version-mismatch): the publisher re-reads it once and replaces
 * it, the dashboards being code. Each new version carries a message naming its content hash.
 *
 * Failures become the Grafana errors of core/errors.ts with the fix in the message: 401 token, 403
 * permissions, 404 URL, 412 conflicts, 429 rate limit (retryAfterMs), 5xx / network (retried).
 */
import { createHash } from 'node:crypto';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import type { GrafanaConfig } from '../core/config/index.js';
import {
  GrafanaAuthError,
  GrafanaRateLimitedError,
  GrafanaRejectedError,
  GrafanaUnavailableError,
} from '../core/errors.js';
import {
  describeBody,
  httpRequest,
  type HttpErrorFactory,
  type HttpResponse,
} from '../platform/http/index.js';
import { datasourceModel } from './provisioning.js';

/** What publishing needs besides the config. */
export interface PublishOptions {
  grafana: GrafanaConfig & { url: string };
  /** The service-account token (from the variable `grafana.tokenEnv`). */
  token: string;
  /** Password of the ClickHouse user, when `grafana.publishDatasource` is set. */
  datasourcePassword?: string;
  /** Per-request timeout. @default 20 s */
  timeoutMs?: number;
}

export type PublishStatus = 'created' | 'updated' | 'unchanged';

/** What `publishDashboards` did. */
export interface PublishResult {
  folder: 'created' | 'unchanged';
  datasource?: PublishStatus;
  dashboards: Array<{ uid: string; title: string; status: PublishStatus; version?: number; url?: string }>;
}

/** The Grafana error classes for the statuses the publisher does not handle itself (429, 5xx, network). */
export function grafanaHttpErrors(fix: string): HttpErrorFactory {
  return {
    auth: (message) => new GrafanaAuthError(message, fix),
    rejected: (message) => new GrafanaRejectedError(message, 'check grafana.url in the configuration.'),
    rateLimited: (message, retryAfterMs) =>
      new GrafanaRateLimitedError(
        message,
        'wait; the publish is retried after the wait Grafana asked for.',
        retryAfterMs,
      ),
    transient: (message, cause) =>
      new GrafanaUnavailableError(
        message,
        'check that Grafana is up at grafana.url; the publish is retried.',
        {
          cause,
        },
      ),
  };
}

/** SHA-256 (first 12 hex digits) of a dashboard's JSON without `id` / `version`: names its content. */
export function dashboardHash(dashboard: Dashboard): string {
  const { id: _id, version: _version, ...content } = dashboard as Dashboard & { id?: unknown };
  return createHash('sha256').update(canonicalJson(content)).digest('hex').slice(0, 12);
}

/** JSON with object keys sorted, so equal content always gives equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** True when every key we set has the same value in what Grafana stores (Grafana may add keys of its own). */
function sameContent(ours: unknown, stored: unknown): boolean {
  if (Array.isArray(ours)) {
    return (
      Array.isArray(stored) &&
      stored.length === ours.length &&
      ours.every((v, i) => sameContent(v, stored[i]))
    );
  }
  if (ours && typeof ours === 'object') {
    if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return false;
    return Object.entries(ours as Record<string, unknown>).every(
      ([k, v]) => v === undefined || sameContent(v, (stored as Record<string, unknown>)[k]),
    );
  }
  return ours === stored;
}

type Method = 'GET' | 'POST' | 'PUT';

/** A Grafana API client bound to one URL and token. */
class GrafanaApi {
  private readonly base: string;
  private readonly tokenHint: string;

  constructor(private readonly options: PublishOptions) {
    this.base = options.grafana.url.replace(/\/+$/, '');
    this.tokenHint = `the service-account token in $${options.grafana.tokenEnv}`;
  }

  /** One call; 404 and 412 come back to the caller, 401/403 become auth errors naming the fix. */
  async call<T>(method: Method, path: string, body?: unknown): Promise<HttpResponse<T>> {
    const url = `${this.base}${path}`;
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.options.token}`,
      'Content-Type': 'application/json',
    };
    if (this.options.grafana.orgId !== undefined)
      headers['X-Grafana-Org-Id'] = String(this.options.grafana.orgId);
    const response = await httpRequest<T>({
      subject: 'grafana',
      service: 'Grafana',
      url,
      method,
      headers,
      data: body === undefined ? undefined : JSON.stringify(body),
      expect: 'json',
      timeoutMs: this.options.timeoutMs,
      passStatuses: [401, 403, 404, 412],
      authHint: this.tokenHint,
      optionsHint: 'grafana.url',
      errors: grafanaHttpErrors(`set ${this.tokenHint} to a valid token.`),
    });
    if (response.status === 401) {
      throw new GrafanaAuthError(
        `Grafana at ${this.base} rejected the token (HTTP 401 on ${method} ${path}).`,
        `set ${this.tokenHint} to a valid, unexpired service-account token (Administration → Users and access → Service accounts → Add token).`,
      );
    }
    if (response.status === 403) {
      throw new GrafanaAuthError(
        `Grafana at ${this.base} refused ${method} ${path} (HTTP 403 ${describeBody(response.text)}): the token's service account lacks the permission.`,
        path.startsWith('/api/datasources')
          ? 'give the service account the Admin role (datasources need it), or set grafana.publishDatasource: false and provision the datasource from a file.'
          : `give the service account the Editor role (or edit permission on the folder "${this.options.grafana.folderUid}").`,
      );
    }
    return response;
  }

  /** The error for a 404 on a path that must exist: the URL is wrong. */
  notFound(method: Method, path: string, response: HttpResponse<unknown>): GrafanaRejectedError {
    return new GrafanaRejectedError(
      `Grafana at ${this.base} answered HTTP ${response.status} ${describeBody(response.text)} for ${method} ${path}.`,
      'check grafana.url: the base URL of Grafana (with its sub-path if served under one, without /api), e.g. http://localhost:3000.',
    );
  }
}

function parseJsonText<T>(text: string): T {
  try {
    return (text ? JSON.parse(text) : {}) as T;
  } catch {
    return {} as T;
  }
}

/** `{ status, message }` of a 412 answer. */
function preconditionStatus(response: HttpResponse<unknown>): string {
  return String(parseJsonText<{ status?: string }>(response.text).status ?? '');
}

async function ensureFolder(api: GrafanaApi, grafana: GrafanaConfig): Promise<'created' | 'unchanged'> {
  const path = `/api/folders/${encodeURIComponent(grafana.folderUid)}`;
  const found = await api.call('GET', path);
  if (found.status === 200) return 'unchanged';
  if (found.status !== 404) throw api.notFound('GET', path, found);
  const created = await api.call('POST', '/api/folders', {
    uid: grafana.folderUid,
    title: grafana.folderTitle,
  });
  if (created.status === 200) return 'created';
  if (created.status === 412) {
    throw new GrafanaRejectedError(
      `Grafana refused to create folder "${grafana.folderUid}" (HTTP 412 ${describeBody(created.text)}): a folder with the title "${grafana.folderTitle}" may already exist with another uid.`,
      "set grafana.folderUid to that folder's uid, or grafana.folderTitle to another title.",
    );
  }
  throw api.notFound('POST', '/api/folders', created);
}

async function ensureDatasource(api: GrafanaApi, options: PublishOptions): Promise<PublishStatus> {
  const ds = options.grafana.datasource;
  const model = datasourceModel(ds, options.datasourcePassword ?? '');
  const path = `/api/datasources/uid/${encodeURIComponent(ds.uid)}`;
  const found = await api.call<Record<string, unknown>>('GET', path);
  const { secureJsonData: _secret, ...visible } = model;
  if (found.status === 200) {
    // Secrets are write-only (Grafana echoes only secureJsonFields): a changed password alone is not seen.
    if (sameContent(visible, found.body)) return 'unchanged';
    const updated = await api.call('PUT', path, { ...found.body, ...model });
    if (updated.status !== 200) throw api.notFound('PUT', path, updated);
    return 'updated';
  }
  if (found.status !== 404) throw api.notFound('GET', path, found);
  const created = await api.call('POST', '/api/datasources', model);
  if (created.status === 200) return 'created';
  if (created.status === 404) throw api.notFound('POST', '/api/datasources', created);
  throw new GrafanaRejectedError(
    `Grafana refused to create datasource "${ds.name}" (HTTP ${created.status} ${describeBody(created.text)}).`,
    `a datasource named "${ds.name}" probably exists with another uid: set grafana.datasource.uid to its uid, or grafana.datasource.name to another name.`,
  );
}

interface StoredDashboard {
  dashboard: Dashboard & { id?: number; version?: number };
  meta: { folderUid?: string; version?: number; url?: string };
}

async function upsertDashboard(
  api: GrafanaApi,
  dashboard: Dashboard,
  folderUid: string,
): Promise<PublishResult['dashboards'][number]> {
  const uid = dashboard.uid as string;
  const title = dashboard.title ?? uid;
  const path = `/api/dashboards/uid/${encodeURIComponent(uid)}`;
  const hash = dashboardHash(dashboard);
  for (let attempt = 0; attempt < 2; attempt++) {
    const found = await api.call<StoredDashboard>('GET', path);
    const stored = found.status === 200 ? found.body : undefined;
    if (found.status !== 200 && found.status !== 404) throw api.notFound('GET', path, found);
    if (stored && stored.meta.folderUid === folderUid && sameContent(dashboard, stored.dashboard)) {
      return { uid, title, status: 'unchanged', version: stored.dashboard.version, url: stored.meta.url };
    }
    const body = {
      dashboard: { ...dashboard, id: stored?.dashboard.id ?? null, version: stored?.dashboard.version },
      folderUid,
      message: `Earshot: ${stored ? 'update' : 'create'} ${uid} (content ${hash})`,
      overwrite: false,
    };
    const saved = await api.call<{ version?: number; url?: string; status?: string }>(
      'POST',
      '/api/dashboards/db',
      body,
    );
    if (saved.status === 200) {
      return {
        uid,
        title,
        status: stored ? 'updated' : 'created',
        version: saved.body.version,
        url: saved.body.url,
      };
    }
    if (saved.status === 404) throw api.notFound('POST', '/api/dashboards/db', saved);
    const reason = preconditionStatus(saved);
    if (reason === 'version-mismatch' && attempt === 0) continue; // edited in Grafana meanwhile: re-read, replace
    throw new GrafanaRejectedError(
      `Grafana refused dashboard "${title}" (${uid}): HTTP 412 ${reason || describeBody(saved.text)}.`,
      reason === 'name-exists'
        ? `another dashboard in folder "${folderUid}" is titled "${title}": rename or delete it in Grafana.`
        : reason === 'plugin-dashboard'
          ? "the uid belongs to a plugin's dashboard: remove that plugin dashboard in Grafana."
          : 'it was changed in Grafana while publishing; run the publish again.',
    );
  }
  throw new GrafanaRejectedError(
    `Dashboard ${uid} kept changing in Grafana while publishing.`,
    'run the publish again.',
  );
}

/**
 * Publishes `dashboards` to `options.grafana.url` (folder first, then the datasource if configured, then each
 * dashboard). Throws the Grafana errors of core/errors.ts; nothing is half-written per dashboard.
 */
export async function publishDashboards(
  dashboards: readonly Dashboard[],
  options: PublishOptions,
): Promise<PublishResult> {
  const api = new GrafanaApi(options);
  const folder = await ensureFolder(api, options.grafana);
  const result: PublishResult = { folder, dashboards: [] };
  if (options.grafana.publishDatasource) result.datasource = await ensureDatasource(api, options);
  for (const dashboard of dashboards) {
    result.dashboards.push(await upsertDashboard(api, dashboard, options.grafana.folderUid));
  }
  return result;
}
