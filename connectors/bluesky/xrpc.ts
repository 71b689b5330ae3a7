/**
 * XRPC calls to a Bluesky PDS or AppView with Bluesky's error envelopes mapped to typed errors, and the
 * app-password session (`com.atproto.server.createSession`) kept fresh across calls.
 */
import { ConnectorAuthError, ConnectorConfigError, TransientSourceError } from '../../core/errors.js';
import { describeBody, epochResetWaitMs, httpRequest, looksLikeHtml } from '../http.js';

const SERVICE = 'Bluesky';
const AUTH_HINT = 'the Bluesky handle and app password (credentials "identifier" and "appPassword")';

/** An authenticated session. `expiresAt` comes from the access JWT's `exp` claim when readable. */
export interface BlueskySession {
  accessJwt: string;
  refreshJwt: string;
  expiresAt?: number;
}

/** Where and as whom to call. */
export interface XrpcTarget {
  sourceId: string;
  baseUrl: string;
  identifier: string;
  appPassword: string;
  now: () => number;
}

/** An XRPC error answer: status plus the `{ error, message }` envelope when the body is JSON. */
interface XrpcFailure {
  status: number;
  error?: string;
  message?: string;
  text: string;
  headers: Record<string, string>;
}

const PASS = [400, 401, 403] as const;

// Sessions outlive one connector instance (activities build one per call); createSession is rate-limited
// per account (the recording shows `10;w=86400`), so one session per account and server is reused.
const sessions = new Map<string, BlueskySession>();

/** Forgets cached sessions (tests). */
export function clearBlueskySessions(): void {
  sessions.clear();
}

function jwtExpiry(jwt: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function readFailure(status: number, text: string, headers: Record<string, string>): XrpcFailure {
  try {
    const json = JSON.parse(text) as { error?: unknown; message?: unknown };
    return {
      status,
      text,
      headers,
      error: typeof json.error === 'string' ? json.error : undefined,
      message: typeof json.message === 'string' ? json.message : undefined,
    };
  } catch {
    return { status, text, headers };
  }
}

const isExpired = (f: XrpcFailure) => f.error === 'ExpiredToken' || f.error === 'InvalidToken';

/** Maps a failure that is not a session expiry to the error the caller should act on. */
function failureError(target: XrpcTarget, f: XrpcFailure, what: string): Error {
  const detail = `HTTP ${f.status} ${f.error ? `${f.error}: ${f.message ?? ''}` : describeBody(f.text)}`;
  if (f.status === 403 && looksLikeHtml(f.text))
    return new TransientSourceError(
      `${SERVICE} refused ${what} for ${target.sourceId} with an HTML page (${detail}): a CDN rule blocked the ` +
        `request; if it persists, point the "baseUrl" option at your PDS (https://bsky.social) and use an app password`,
      target.sourceId,
    );
  if (f.status === 401 || f.status === 403)
    return new ConnectorAuthError(
      `${SERVICE} rejected ${what} for ${target.sourceId} (${detail}); set/fix ${AUTH_HINT}`,
      target.sourceId,
    );
  return new ConnectorConfigError(
    `${SERVICE} rejected ${what} for ${target.sourceId} (${detail}); check the brand query and the source options`,
    target.sourceId,
  );
}

async function xrpc(
  target: XrpcTarget,
  method: 'GET' | 'POST',
  nsid: string,
  opts: { params?: Record<string, string | number | undefined>; body?: unknown; bearer?: string },
): Promise<
  { ok: true; body: unknown; headers: Record<string, string> } | { ok: false; failure: XrpcFailure }
> {
  const res = await httpRequest<unknown>({
    sourceId: target.sourceId,
    service: SERVICE,
    url: `${target.baseUrl.replace(/\/+$/, '')}/xrpc/${nsid}`,
    method,
    params: opts.params,
    data: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    headers: {
      ...(opts.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(opts.bearer ? { Authorization: `Bearer ${opts.bearer}` } : {}),
    },
    expect: 'json',
    authHint: AUTH_HINT,
    rateLimitWait: epochResetWaitMs,
    passStatuses: PASS,
    now: target.now,
  });
  if ((PASS as readonly number[]).includes(res.status))
    return { ok: false, failure: readFailure(res.status, res.text, res.headers) };
  return { ok: true, body: res.body, headers: res.headers };
}

function readSession(target: XrpcTarget, body: unknown): BlueskySession {
  const b = body as { accessJwt?: unknown; refreshJwt?: unknown } | null;
  if (!b || typeof b.accessJwt !== 'string' || typeof b.refreshJwt !== 'string')
    throw new TransientSourceError(
      `${SERVICE} session response for ${target.sourceId} has no accessJwt`,
      target.sourceId,
    );
  return { accessJwt: b.accessJwt, refreshJwt: b.refreshJwt, expiresAt: jwtExpiry(b.accessJwt) };
}

/**
 * Creates a session with the app password.
 * @throws ConnectorAuthError when the identifier or app password is rejected.
 */
export async function createSession(target: XrpcTarget): Promise<BlueskySession> {
  const res = await xrpc(target, 'POST', 'com.atproto.server.createSession', {
    body: { identifier: target.identifier, password: target.appPassword },
  });
  if (!res.ok) {
    const f = res.failure;
    if (f.status === 400 || f.status === 401)
      throw new ConnectorAuthError(
        `${SERVICE} refused to log in ${target.identifier} for ${target.sourceId} (HTTP ${f.status} ` +
          `${f.error ?? ''}: ${f.message ?? describeBody(f.text)}); set/fix ${AUTH_HINT}. Create an app password ` +
          'under Settings → Privacy and security → App passwords',
        target.sourceId,
      );
    throw failureError(target, f, 'the login (createSession)');
  }
  return readSession(target, res.body);
}

async function refreshSession(target: XrpcTarget, session: BlueskySession): Promise<BlueskySession> {
  const res = await xrpc(target, 'POST', 'com.atproto.server.refreshSession', { bearer: session.refreshJwt });
  // An expired or revoked refresh token: log in again with the app password.
  if (!res.ok) return createSession(target);
  return readSession(target, res.body);
}

/** The XRPC client one connector instance uses. */
export class BlueskyClient {
  constructor(private readonly target: XrpcTarget) {}

  private get key(): string {
    return `${this.target.baseUrl}|${this.target.identifier}`;
  }

  /** The cached session, refreshed when its access token is about to expire, or a new one. */
  async session(): Promise<BlueskySession> {
    let session = sessions.get(this.key);
    if (session?.expiresAt !== undefined && session.expiresAt - 60_000 <= this.target.now())
      session = await refreshSession(this.target, session);
    session ??= await createSession(this.target);
    sessions.set(this.key, session);
    return session;
  }

  /**
   * Authenticated GET of a query method. An `ExpiredToken` answer refreshes the session and retries once.
   * @throws ConnectorAuthError, ConnectorConfigError, RateLimitedError, TransientSourceError.
   */
  async get(nsid: string, params: Record<string, string | number | undefined>): Promise<unknown> {
    for (let attempt = 0; ; attempt += 1) {
      const session = await this.session();
      const res = await xrpc(this.target, 'GET', nsid, { params, bearer: session.accessJwt });
      if (res.ok) return res.body;
      if (attempt === 0 && isExpired(res.failure) && res.failure.status !== 403) {
        sessions.set(this.key, await refreshSession(this.target, session));
        continue;
      }
      if (attempt === 0 && res.failure.status === 401) {
        // The session was revoked or belongs to another server: log in again once.
        sessions.set(this.key, await createSession(this.target));
        continue;
      }
      throw failureError(this.target, res.failure, nsid);
    }
  }
}
