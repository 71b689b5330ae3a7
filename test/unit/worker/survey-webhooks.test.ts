/**
 * The survey webhook through the real HTTP host, the worker's composition (scorer, brand attribution) and a
 * real chDB store: signed deliveries are stored and then acknowledged; duplicates and out-of-order
 * deliveries keep NPS exact; bad, missing and old signatures and malformed bodies are refused clearly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../core/config/index.js';
import { silentLogger } from '../../../core/logger.js';
import { signBody, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../../connectors/survey-webhook/index.js';
import { startHttpHost, type HttpHost } from '../../../platform/http-host/index.js';
import type { Store } from '../../../storage/client.js';
import { queryReadOnly } from '../../../storage/query.js';
import { npsScores } from '../../../storage/surveys.js';
import { surveyWebhookRoutes } from '../../../worker/survey-webhooks.js';
import { openTestStore } from '../storage/helpers.js';

const SECRET = 'test-secret-0123456789abcdef';
const config = ConfigSchema.parse({
  brands: [
    { key: 'acme', name: 'Acme', query: 'acme' },
    { key: 'globex', name: 'Globex', query: 'globex' },
  ],
  sources: [
    {
      id: 'nps-hook',
      type: 'survey-webhook',
      brands: ['acme', 'globex'],
      options: { survey: 'nps', brandValues: { 'Acme Air': 'acme' } },
      credentials: { secret: 'NPS_HOOK_SECRET' },
    },
  ],
});

let store: Store;
let host: HttpHost;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const opened = await openTestStore();
  store = opened.store;
  cleanup = opened.cleanup;
  const routes = await surveyWebhookRoutes({
    config,
    store,
    env: { NPS_HOOK_SECRET: SECRET },
    logger: silentLogger,
  });
  host = await startHttpHost({ logger: silentLogger, routes });
});
afterAll(async () => {
  await host?.close();
  await cleanup?.();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function deliver(
  body: unknown,
  sign: { secret?: string; timestamp?: number; omit?: boolean } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const timestamp = sign.timestamp ?? nowSeconds();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (!sign.omit) {
    headers[TIMESTAMP_HEADER] = String(timestamp);
    headers[SIGNATURE_HEADER] = signBody(sign.secret ?? SECRET, timestamp, text);
  }
  const response = await fetch(`${host.url}/hooks/surveys/nps-hook`, { method: 'POST', headers, body: text });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute)).toISOString();
const RANGE = { from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 2, 2), per: 'range' as const };

describe('survey webhook', () => {
  it('stores a signed delivery, scored and attributed to its brand, before answering 200', async () => {
    const reply = await deliver({
      id: 'w1',
      submitted_at: at(0),
      score: 10,
      comment: 'The support team was fantastic',
      brand: 'Acme Air',
      channel: 'email',
      respondent: 'u-1',
    });
    expect(reply).toEqual({
      status: 200,
      json: { received: 1, inserted: 1, updated: 0, unchanged: 0, invalid: 0, stale: 0 },
    });
    // Stored by the time the 200 arrived.
    const { rows } = await queryReadOnly(
      store,
      `SELECT brand, kind, rating, rating_scale, label, text FROM mentions FINAL WHERE source_id = 'nps-hook'`,
    );
    expect(rows).toEqual([['acme', 'survey', 10, 10, 'positive', 'The support team was fantastic']]);
  });

  it('a batch, its duplicate delivery and a delivery out of order keep NPS exact', async () => {
    const batch = {
      responses: [
        { id: 'w2', submitted_at: at(1), score: 9, brand: 'acme' },
        { id: 'w3', submitted_at: at(2), score: 7, brand: 'acme', comment: 'ok' },
        { id: 'w4', submitted_at: at(3), score: 2, brand: 'acme', comment: 'Slow refund, rude agent' },
      ],
    };
    expect((await deliver(batch)).json).toMatchObject({ received: 3, inserted: 3 });
    expect((await deliver(batch)).json).toMatchObject({ received: 3, inserted: 0, updated: 0, unchanged: 3 });
    // w4 is edited to 8 (updated_at later); the stale original then arrives again, late.
    const edit = {
      id: 'w4',
      submitted_at: at(3),
      updated_at: at(30),
      score: 8,
      brand: 'acme',
      comment: 'Refund came',
    };
    expect((await deliver(edit)).json).toMatchObject({ updated: 1, stale: 0 });
    expect((await deliver(batch.responses[2])).json).toMatchObject({ inserted: 0, updated: 0, stale: 1 });
    // w1 10, w2 9, w3 7, w4 8: 2 promoters, 0 detractors of 4 → NPS 50.
    const [row] = await npsScores(store, { ...RANGE, brand: 'acme' });
    expect(row).toMatchObject({ responses: 4, promoters: 2, passives: 2, detractors: 0, nps: 50 });
  });

  it('refuses a bad, missing or old signature with 401 and a JSON error, storing nothing', async () => {
    const body = { id: 'evil', submitted_at: at(5), score: 0, brand: 'acme' };
    const bad = await deliver(body, { secret: 'not-the-secret-at-all' });
    expect(bad.status).toBe(401);
    expect(bad.json).toEqual({
      error: { message: expect.stringMatching(/does not match/), code: 'bad_signature' },
    });
    expect((await deliver(body, { omit: true })).json).toMatchObject({
      error: { code: 'missing_signature' },
    });
    const old = await deliver(body, { timestamp: nowSeconds() - 3600 });
    expect(old).toMatchObject({ status: 401, json: { error: { code: 'stale_timestamp' } } });
    // A signature over another body (a replayed signature) does not fit this one.
    const text = JSON.stringify(body);
    const ts = nowSeconds();
    const replay = await fetch(`${host.url}/hooks/surveys/nps-hook`, {
      method: 'POST',
      headers: { [TIMESTAMP_HEADER]: String(ts), [SIGNATURE_HEADER]: signBody(SECRET, ts, '{"id":"other"}') },
      body: text,
    });
    expect(replay.status).toBe(401);
    const { rows } = await queryReadOnly(store, `SELECT count() FROM mentions WHERE native_id = 'evil'`);
    expect(rows).toEqual([['0']]);
  });

  it('refuses malformed JSON (400) and invalid responses (422) naming each problem, storing nothing', async () => {
    const broken = await deliver('{"id": "x", "score": ');
    expect(broken).toMatchObject({ status: 400, json: { error: { code: 'invalid_json' } } });
    const invalid = await deliver({
      responses: [
        { id: 'ok-but-batched', submitted_at: at(6), score: 5, brand: 'acme' },
        { id: 'w-bad', submitted_at: at(6), score: 11, brand: 'acme' },
        { submitted_at: at(6), score: 3, brand: 'acme' },
        { id: 'w-brand', submitted_at: at(6), score: 3, brand: 'initech' },
      ],
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json).toEqual({
      error: { message: '3 of 4 responses are invalid; nothing was stored', code: 'invalid_response' },
      problems: [
        { index: 1, id: 'w-bad', problem: expect.stringMatching(/from 0 to 10/) },
        { index: 2, problem: 'no value in "id"' },
        { index: 3, id: 'w-brand', problem: expect.stringMatching(/brand "initech" is not one of/) },
      ],
    });
    const { rows } = await queryReadOnly(
      store,
      `SELECT count() FROM mentions WHERE native_id = 'ok-but-batched'`,
    );
    expect(rows).toEqual([['0']]);
  });
});
