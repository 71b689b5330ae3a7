/** The escaping template, the session cookie and the URL helpers the web view's safety rests on. */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { html, jsonForScript, toHtmlString } from '../../../web/html.js';
import { drillHref, safeExternalUrl } from '../../../web/links.js';
import { windowFromQuery } from '../../../web/range.js';
import { readCookie, rotateWebViewSecrets, SESSION_COOKIE, webSession } from '../../../web/session.js';

describe('html template', () => {
  it('escapes every interpolation in text and attributes, and nests fragments as markup', () => {
    const evil = `<script>alert(1)</script>" onmouseover='x' \`y\` &amp;`;
    const out = toHtmlString(
      html`<p title="${evil}">${evil}${html`<b>${evil}</b>`}${[evil, 1, null, false]}</p>`,
    );
    expect(out).not.toMatch(/<script|" onmouseover|' /);
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&#39;x&#39; &#96;y&#96; &amp;amp;">' +
        '&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&#39;x&#39; &#96;y&#96; &amp;amp;' +
        '<b>&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&#39;x&#39; &#96;y&#96; &amp;amp;</b>' +
        '&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&#39;x&#39; &#96;y&#96; &amp;amp;1</p>',
    );
  });

  it('does not treat look-alike objects as markup', () => {
    const fake = { markup: '<script>' } as unknown as string;
    expect(toHtmlString(html`${fake}`)).toBe('[object Object]');
  });

  it('keeps JSON for a script block from closing it', () => {
    expect(toHtmlString(jsonForScript({ t: '</script><!--\u2028' }))).toBe(
      '{"t":"\\u003c/script\\u003e\\u003c!--\\u2028"}',
    );
  });
});

describe('links', () => {
  it('only lets http(s) mention URLs become links', () => {
    expect(safeExternalUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeExternalUrl('data:text/html,<b>')).toBeUndefined();
    expect(safeExternalUrl('not a url')).toBeUndefined();
    expect(safeExternalUrl('https://example.com/a?b="c"')).toBe('https://example.com/a?b=%22c%22');
  });

  it('builds drill-down links with encoded filters', () => {
    expect(drillHref({ brand: 'acme-air', from: 0, to: 3_600_000, aspect: 'a&b' })).toBe(
      '/ui/mentions?brand=acme-air&from=1970-01-01T00%3A00%3A00.000Z&to=1970-01-01T01%3A00%3A00.000Z&aspect=a%26b',
    );
  });
});

describe('time window', () => {
  const now = Date.UTC(2026, 11, 1, 10, 30);
  it('uses a named preset over dates, dates when the range is custom, the default otherwise', () => {
    expect(windowFromQuery({ range: '24h', from: '2026-01-01', to: '2026-01-02' }, now)).toMatchObject({
      preset: '24h',
      to: Date.UTC(2026, 11, 1, 11),
    });
    expect(windowFromQuery({ range: 'custom', from: '2026-11-01', to: '2026-11-07' }, now)).toMatchObject({
      preset: 'custom',
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 10, 8), // the end date counts whole
    });
    expect(windowFromQuery({ from: 'junk', to: '2026-11-07' }, now).preset).toBe('7d');
    expect(windowFromQuery({ range: 'custom', from: '2026-11-07', to: '2026-11-01' }, now).preset).toBe('7d');
  });
});

describe('web session', () => {
  it('keeps the cookie key across starts, rotates the login token, writes the file 0600', () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-web-session-'));
    try {
      const first = rotateWebViewSecrets(dir);
      const second = rotateWebViewSecrets(dir);
      expect(second.cookieKey).toBe(first.cookieKey);
      expect(second.loginToken).not.toBe(first.loginToken);
      expect(statSync(join(dir, 'web-view.json')).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(join(dir, 'web-view.json'), 'utf8')).loginToken).toBe(second.loginToken);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts its own unexpired cookie only', () => {
    const session = webSession({ loginToken: 't'.repeat(32), cookieKey: 'k'.repeat(64) });
    const other = webSession({ loginToken: 't'.repeat(32), cookieKey: 'x'.repeat(64) });
    const setCookie = session.newSessionCookie(1_000);
    expect(setCookie).toMatch(/; Path=\/ui; HttpOnly; SameSite=Strict; Max-Age=604800$/);
    const header = `a=b; ${setCookie.split(';')[0]}`;
    expect(session.isLoggedIn(header, 2_000)).toBe(true);
    expect(other.isLoggedIn(header, 2_000)).toBe(false);
    expect(session.isLoggedIn(header, 1_000 + 8 * 86_400_000)).toBe(false);
    const value = readCookie(header, SESSION_COOKIE)!;
    const [, signature] = value.split('.');
    expect(session.isLoggedIn(`${SESSION_COOKIE}=99999999999999.${signature}`, 2_000)).toBe(false);
    expect(session.isLoggedIn(undefined)).toBe(false);
    expect(session.isLoginToken('t'.repeat(32))).toBe(true);
    expect(session.isLoginToken('t'.repeat(31))).toBe(false);
    expect(session.isLoginToken(undefined)).toBe(false);
  });
});
