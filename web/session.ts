/**
 * Who may see the web view. `earshot up` prints a login link carrying a random token; opening it sets an
 * HttpOnly, SameSite=Strict session cookie (an expiry signed with HMAC-SHA256) and redirects to a URL without
 * the token, so the token never appears in later URLs, in the history's current page or in the host's logs
 * (which print paths without query strings). The token and the signing key live in `<dataDir>/web-view.json`
 * (mode 0600): the token is new at every start, the key is kept, so a browser stays logged in across restarts.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Name of the file in the data directory that holds the login token and the cookie key. */
export const WEB_VIEW_FILE = 'web-view.json';
/** Name of the session cookie. */
export const SESSION_COOKIE = 'earshot_ui';
/** How long a login lasts. */
export const SESSION_TTL_MS = 7 * 24 * 3_600_000;

/** The secrets of one running web view. */
export interface WebViewSecrets {
  /** Carried by the printed login link; new at every start. */
  loginToken: string;
  /** Signs session cookies; kept across starts. */
  cookieKey: string;
}

/**
 * Reads `<dataDir>/web-view.json`, keeps its cookie key (or makes one), puts a fresh login token in it and
 * writes it back atomically with mode 0600. Throws when the data directory is not writable.
 */
export function rotateWebViewSecrets(dataDir: string, extra: Record<string, unknown> = {}): WebViewSecrets {
  const file = join(dataDir, WEB_VIEW_FILE);
  let cookieKey: string | undefined;
  try {
    const previous = JSON.parse(readFileSync(file, 'utf8')) as { cookieKey?: unknown };
    if (typeof previous.cookieKey === 'string' && previous.cookieKey.length >= 32)
      cookieKey = previous.cookieKey;
  } catch {
    // absent or unreadable: a new key (browsers log in again)
  }
  const secrets = {
    loginToken: randomBytes(24).toString('base64url'),
    cookieKey: cookieKey ?? randomBytes(32).toString('hex'),
  };
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ ...extra, ...secrets }), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  return secrets;
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Constant-time comparison of two strings of any length. */
function sameText(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** Issues and checks session cookies and login tokens for one set of secrets. */
export interface WebSession {
  /** The login token matches (constant time). */
  isLoginToken(candidate: string | undefined): boolean;
  /** A `Set-Cookie` value for a new session. */
  newSessionCookie(now?: number): string;
  /** The request's `Cookie` header holds a valid, unexpired session. */
  isLoggedIn(cookieHeader: string | string[] | undefined, now?: number): boolean;
}

/** A session checker over `secrets`; `cookiePath` scopes the cookie (the web view's prefix). */
export function webSession(secrets: WebViewSecrets, cookiePath = '/ui'): WebSession {
  const sign = (expires: string): string =>
    createHmac('sha256', secrets.cookieKey).update(`session:${expires}`).digest('base64url');
  return {
    isLoginToken: (candidate) => typeof candidate === 'string' && sameText(candidate, secrets.loginToken),
    newSessionCookie(now = Date.now()) {
      const expires = String(now + SESSION_TTL_MS);
      const value = `${expires}.${sign(expires)}`;
      return `${SESSION_COOKIE}=${value}; Path=${cookiePath}; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}`;
    },
    isLoggedIn(cookieHeader, now = Date.now()) {
      const value = readCookie(cookieHeader, SESSION_COOKIE);
      if (!value) return false;
      const [expires = '', signature = ''] = value.split('.', 2);
      if (!/^\d{1,15}$/.test(expires) || Number(expires) <= now) return false;
      return sameText(signature, sign(expires));
    },
  };
}

/** The value of cookie `name` in a `Cookie` header (the first one when repeated), else `undefined`. */
export function readCookie(header: string | string[] | undefined, name: string): string | undefined {
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
