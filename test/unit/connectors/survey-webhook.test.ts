import { describe, expect, it } from 'vitest';
import { surveyWebhookConnector } from '../../../connectors/survey-webhook/index.js';
import { checkSignature, signBody } from '../../../connectors/survey-webhook/signature.js';
import { readDelivery } from '../../../connectors/survey-webhook/payload.js';
import { runConformanceSuite } from './conformance.js';
import { instance } from './support.js';

// Deliveries are pushed, not polled: of the suite, the documented-options checks apply.
runConformanceSuite({
  definition: surveyWebhookConnector as never,
  options: () => ({ survey: 'nps' }),
  cursorPosition: () => 0,
  pages: [],
});

const SECRET = 'sixteen-chars-or-more';
const NOW = Date.parse('2026-03-01T12:00:00Z');
const ts = Math.floor(NOW / 1000);
const body = Buffer.from('{"id":"r1","submitted_at":"2026-03-01T09:00:00Z","score":9}');
const headers = (signature: string, timestamp: number | string = ts) => ({
  'x-earshot-timestamp': String(timestamp),
  'x-earshot-signature': signature,
});

describe('survey-webhook signature', () => {
  it('accepts the HMAC-SHA256 of "<timestamp>.<body>", also among rotated signatures', () => {
    expect(checkSignature(SECRET, headers(signBody(SECRET, ts, body)), body, NOW, 300_000)).toBeUndefined();
    const rotated = `${signBody('old-secret-xxxxxxxx', ts, body)}, ${signBody(SECRET, ts, body)}`;
    expect(checkSignature(SECRET, headers(rotated), body, NOW, 300_000)).toBeUndefined();
  });

  it('refuses another secret, another body, a moved timestamp, an old or future timestamp, no headers', () => {
    const code = (h: Record<string, string>, b = body) => checkSignature(SECRET, h, b, NOW, 300_000)?.code;
    expect(code(headers(signBody('another-secret-123', ts, body)))).toBe('bad_signature');
    expect(code(headers(signBody(SECRET, ts, body)), Buffer.from('{"id":"r2"}'))).toBe('bad_signature');
    // The timestamp is signed: a fresh timestamp on an old signature fails.
    expect(code(headers(signBody(SECRET, ts - 10, body), ts))).toBe('bad_signature');
    expect(code(headers(signBody(SECRET, ts - 301, body), ts - 301))).toBe('stale_timestamp');
    expect(code(headers(signBody(SECRET, ts + 301, body), ts + 301))).toBe('stale_timestamp');
    expect(code(headers(signBody(SECRET, ts, body), '1.5e9'))).toBe('stale_timestamp');
    expect(code({})).toBe('missing_signature');
    expect(code(headers('v1=short'))).toBe('bad_signature');
  });
});

describe('survey-webhook deliveries', () => {
  const mapping = { source: 'survey-webhook', survey: 'csat' as const, brandValues: {}, brands: [] };

  it('reads one response or a batch, with the source survey as default and a per-response override', () => {
    const one = readDelivery({ id: 'a', submitted_at: 1772355600, score: 4, comment: 'Nice' }, mapping);
    expect(one).toMatchObject({ ok: true, mentions: [{ native_id: 'a', rating: { value: 4, scale: 5 } }] });
    const batch = readDelivery(
      { responses: [{ id: 'b', submitted_at: '2026-03-01', score: 10, survey: 'nps' }] },
      mapping,
    );
    expect(batch).toMatchObject({
      ok: true,
      mentions: [{ rating: { value: 10, scale: 10 }, kind: 'survey' }],
    });
  });

  it('refuses empty, oversized and non-object deliveries with a message', () => {
    expect(readDelivery({ responses: [] }, mapping)).toMatchObject({ ok: false });
    const many = { responses: Array.from({ length: 1001 }, (_, i) => ({ id: String(i) })) };
    expect(readDelivery(many, mapping)).toMatchObject({ ok: false, message: /at most 1000/ });
    expect(readDelivery('text', mapping)).toMatchObject({
      ok: false,
      problems: [{ index: 0, problem: 'not a JSON object' }],
    });
  });

  it('parse() normalizes a delivery body and refuses an invalid one', () => {
    const parsed = surveyWebhookConnector.parse('{"id":"p","submitted_at":"2026-03-01T09:00:00Z","score":0}');
    expect(parsed.mentions.map((m) => [m.native_id, m.rating])).toEqual([['p', { value: 0, scale: 10 }]]);
    expect(() => surveyWebhookConnector.parse('{"id":"p","submitted_at":"2026-03-01","score":12}')).toThrow(
      /from 0 to 10/,
    );
    expect(() => surveyWebhookConnector.parse('nope')).toThrow(/must be JSON/);
  });

  it('check() wants a secret of 16 characters or more; polls return nothing', async () => {
    const weak = instance(surveyWebhookConnector, { survey: 'nps' }, { credentials: { secret: 'short' } });
    expect(await weak.check()).toMatchObject({ ok: false, error: /shorter than 16/ });
    const good = instance(surveyWebhookConnector, { survey: 'nps' }, { credentials: { secret: SECRET } });
    expect(await good.check()).toMatchObject({ ok: true });
    expect(await good.fetchPage(null)).toEqual({
      mentions: [],
      cursor: {},
      caughtUp: true,
      skippedInvalid: 0,
    });
  });
});
