/**
 * Notifiers: per-channel escaping of untrusted text, the Slack message shape, the webhook signature recipe,
 * e-mail parts, routes and quiet hours, and stable idempotency keys.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../../core/alert.js';
import {
  batchKey,
  emailContent,
  escapeHtml,
  escapeSlack,
  quietUntil,
  routeAlert,
  slackLink,
  slackMessage,
  webhookBody,
  webhookSignature,
  type NotificationBatch,
} from '../../../alerts/notify/index.js';

const hostile = '<!channel> & <https://evil.example|click> </p><script>alert(1)</script>';

function alert(overrides: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id: 'a1b2c3d4e5f60718',
    brand: 'acme',
    kind: 'negative_spike',
    scopeType: 'brand',
    scope: '',
    windowStart: Date.UTC(2026, 11, 1, 10),
    windowEnd: Date.UTC(2026, 11, 1, 10, 5),
    state: 'firing',
    openedAt: Date.UTC(2026, 11, 1, 10, 6),
    resolvedAt: null,
    observed: 41,
    expected: 6,
    spread: 2,
    severity: 0.9,
    strength: '41 in the last 15 min, 6.8× the usual for a Tuesday 10:00 (6 ± 2)',
    summary: `Negative mentions of Acme: ${hostile}`,
    evidence: {
      mentions: [
        {
          source: 'reddit',
          sourceId: 'r',
          url: 'https://reddit.example/x',
          author: hostile,
          title: null,
          text: hostile,
          publishedAt: 0,
          sentiment: -0.9,
          engagement: 5,
        },
        {
          source: 'reddit',
          sourceId: 'r',
          url: 'javascript:alert(1)',
          author: 'a',
          title: null,
          text: 'bad link',
          publishedAt: 0,
          sentiment: -0.9,
          engagement: 4,
        },
      ],
      sources: [],
      aspects: [],
      counts: { volume: 50, negative: 41, windowStart: 0, windowEnd: 0 },
      baseline: { expected: 6, spread: 2, strength: '' },
    },
    rule: { kind: 'negative_spike' },
    history: false,
    ...overrides,
  };
}

const batch: NotificationBatch = {
  idempotencyKey: 'k1',
  sentAt: Date.UTC(2026, 11, 1, 10, 6),
  items: [{ transition: 'fired', alert: alert(), brandName: 'Acme <Air>' }],
};

describe('escaping', () => {
  it('Slack mrkdwn: no text becomes a link, a mention or markup', () => {
    expect(escapeSlack(hostile)).toBe(
      '&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; &lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;',
    );
    expect(slackLink('https://x.example/a|b', 'label | <b>')).toBe(
      '<https://x.example/a%7Cb|label ¦ &lt;b&gt;>',
    );
    const text = JSON.stringify(slackMessage(batch));
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<script>');
    expect(text).toContain('Acme &lt;Air&gt;');
    expect(text).not.toContain('javascript:');
  });

  it('HTML e-mail: escaped text, http(s) links only, and a plain-text part', () => {
    expect(escapeHtml(`"'<&>`)).toBe('&quot;&#39;&lt;&amp;&gt;');
    const { html, text, subject } = emailContent(batch);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('href="https://reddit.example/x"');
    expect(html).not.toContain('javascript:');
    expect(text).toContain('https://reddit.example/x');
    expect(subject).toBe('[Earshot] Negative spike — Acme <Air>');
  });
});

describe('webhook', () => {
  it('is versioned JSON whose signature is HMAC-SHA256 over "<timestamp>.<body>"', () => {
    const body = JSON.stringify(webhookBody(batch));
    const parsed = JSON.parse(body) as {
      schema: string;
      alerts: Array<{ summary: string; transition: string }>;
    };
    expect(parsed.schema).toBe('earshot.alerts.v1');
    expect(parsed.alerts[0]!.summary).toContain(hostile);
    const signature = webhookSignature('s3cret', '1796106900', body);
    expect(signature).toBe(`v1=${createHmac('sha256', 's3cret').update(`1796106900.${body}`).digest('hex')}`);
    expect(webhookSignature('other', '1796106900', body)).not.toBe(signature);
  });

  it('idempotency keys depend on the channel and the set of transitions, not their order', () => {
    const a = { alertId: 'x', transition: 'fired' as const };
    const b = { alertId: 'y', transition: 'resolved' as const };
    expect(batchKey('hook', [a, b])).toBe(batchKey('hook', [b, a]));
    expect(batchKey('hook', [a])).not.toBe(batchKey('slack', [a]));
    expect(batchKey('hook', [a])).not.toBe(batchKey('hook', [a, b]));
  });
});

describe('routes and quiet hours', () => {
  const now = Date.UTC(2026, 11, 1, 23, 30);
  it('with no routes, every channel; otherwise every matching route', () => {
    expect(routeAlert(alert(), [], ['a', 'b'], now)).toEqual([
      { channel: 'a', notBefore: 0 },
      { channel: 'b', notBefore: 0 },
    ]);
    const routes = [
      { channels: ['slack'], brands: ['acme'], kinds: ['negative_spike' as const], minSeverity: 0.5 },
      { channels: ['mail'], kinds: ['silence' as const], minSeverity: 0 },
      { channels: ['pager'], minSeverity: 0.95 },
    ];
    expect(routeAlert(alert(), routes, [], now).map((r) => r.channel)).toEqual(['slack']);
    expect(routeAlert(alert({ brand: 'other' }), routes, [], now)).toEqual([]);
    expect(
      routeAlert(alert({ kind: 'silence', severity: 0.99 }), routes, [], now).map((r) => r.channel),
    ).toEqual(['mail', 'pager']);
  });

  it('holds messages until the quiet window (crossing midnight, in its time zone) ends', () => {
    const quiet = { from: '22:00', to: '07:00', timeZone: 'UTC' };
    expect(quietUntil(now, quiet)).toBe(Date.UTC(2026, 11, 2, 7));
    expect(quietUntil(Date.UTC(2026, 11, 1, 12), quiet)).toBe(0);
    // 23:30 UTC is 18:30 in New York: outside 22:00–07:00 there.
    expect(quietUntil(now, { ...quiet, timeZone: 'America/New_York' })).toBe(0);
    const routes = [
      { channels: ['slack'], minSeverity: 0, quietHours: quiet },
      { channels: ['slack'], minSeverity: 0.8 },
    ];
    // The second route is never quiet: a severe alert goes now, a mild one waits.
    expect(routeAlert(alert(), routes, [], now)).toEqual([{ channel: 'slack', notBefore: 0 }]);
    expect(routeAlert(alert({ severity: 0.2 }), routes, [], now)).toEqual([
      { channel: 'slack', notBefore: Date.UTC(2026, 11, 2, 7) },
    ]);
  });
});
