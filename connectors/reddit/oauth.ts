/**
 * Reddit app-only OAuth: `POST /api/v1/access_token` with `grant_type=client_credentials` and the app's
 * client id / secret as HTTP Basic auth. The token is cached until a minute before it expires.
 */
import { ConnectorAuthError, ConnectorConfigError } from '../../core/errors.js';
import { httpRequest } from '../http.js';

export const REDDIT_AUTH_HINT =
  'the Reddit app client id / secret (credentials "clientId" and "clientSecret")';

/** Returns a function giving a valid bearer token, fetching a new one when needed. */
export function redditTokenProvider(opts: {
  sourceId: string;
  tokenUrl: string;
  clientId: string | undefined;
  clientSecret: string | undefined;
  timeoutMs: number;
  now: () => number;
}): () => Promise<string> {
  let cached: { token: string; expiresAt: number } | undefined;
  return async () => {
    if (cached && cached.expiresAt > opts.now()) return cached.token;
    if (!opts.clientId || !opts.clientSecret) {
      throw new ConnectorConfigError(
        `source ${opts.sourceId} needs Reddit credentials: map "clientId" and "clientSecret" to env vars ` +
          '(create a "script" or "web" app at https://www.reddit.com/prefs/apps)',
        opts.sourceId,
      );
    }
    const res = await httpRequest<{ access_token?: unknown; expires_in?: unknown; error?: unknown }>({
      sourceId: opts.sourceId,
      service: 'Reddit OAuth',
      url: opts.tokenUrl,
      method: 'POST',
      data: 'grant_type=client_credentials',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      auth: { username: opts.clientId, password: opts.clientSecret },
      expect: 'json',
      timeoutMs: opts.timeoutMs,
      authHint: REDDIT_AUTH_HINT,
      now: opts.now,
    });
    const token = res.body?.access_token;
    if (typeof token !== 'string' || !token) {
      throw new ConnectorAuthError(
        `credentials rejected for ${opts.sourceId}: Reddit gave no access token (${String(res.body?.error ?? 'no error')}); ` +
          `set/fix ${REDDIT_AUTH_HINT}`,
        opts.sourceId,
      );
    }
    const ttl = typeof res.body.expires_in === 'number' ? res.body.expires_in : 3600;
    cached = { token, expiresAt: opts.now() + Math.max(60, ttl - 60) * 1000 };
    return token;
  };
}
