/**
 * Helpers the connector tests share: build a scheduled or backfill instance of a definition with a test
 * context, page a connector to the end, check a backfill walk, and the scripted auth answers (Reddit
 * token, Bluesky session) several files replay.
 */
import { expect } from 'vitest';
import type {
  BrandQuery,
  Connector,
  ConnectorContext,
  ConnectorDefinition,
  PageResult,
  TimeRange,
} from '../../../core/connector.js';
import { type Logger, silentLogger } from '../../../core/logger.js';
import { mutateJson, type ReplayResponse } from '../../support/replay-server.js';

/** What a test may set on the context of an instance (everything else has a test default). */
export interface TestContext {
  /** @default `<type>-test` */
  sourceId?: string;
  credentials?: Record<string, string>;
  /** @default one brand, Acme */
  brands?: BrandQuery[];
  logger?: Logger;
  /** The clock: fixed epoch ms, or a function for a clock the test moves. @default 2030-01-01T00:00:00Z */
  now?: number | (() => number);
}

/** The context of an instance of `definition` with raw `options` (validated by its schema). */
export function contextFor<O>(
  definition: ConnectorDefinition<O, unknown>,
  options: Record<string, unknown>,
  setup: TestContext = {},
): ConnectorContext<O> {
  const clock = setup.now ?? Date.parse('2030-01-01T00:00:00Z');
  return {
    sourceId: setup.sourceId ?? `${definition.type}-test`,
    options: definition.optionsSchema.parse(options),
    credentials: setup.credentials ?? {},
    brands: setup.brands ?? [{ key: 'acme', name: 'Acme', query: 'acme' }],
    logger: setup.logger ?? silentLogger,
    now: typeof clock === 'number' ? () => clock : clock,
  };
}

/** A scheduled instance of `definition`. */
export function instance<O, C>(
  definition: ConnectorDefinition<O, C>,
  options: Record<string, unknown>,
  setup: TestContext = {},
): Connector<C> {
  return definition.create(contextFor(definition as ConnectorDefinition<O, unknown>, options, setup));
}

/** A backfill instance of `definition` over `range` (its cursor type is the backfill's own). */
export function backfill<O>(
  definition: ConnectorDefinition<O, unknown>,
  options: Record<string, unknown>,
  range: TimeRange,
  setup: TestContext = {},
): Connector<unknown> {
  if (!definition.createBackfill) throw new Error(`${definition.type} cannot backfill`);
  return definition.createBackfill(contextFor(definition, options, { sourceId: 'bf-1', ...setup }), range);
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, 'expected a rejection').toBeInstanceOf(Error);
  return outcome as Error;
}

/** Pages from `start` until caught up (the cursor goes through JSON, as the store keeps it). */
export async function drain<C>(
  connector: Connector<C>,
  start: C | null = null,
  maxPages = 50,
): Promise<Array<PageResult<C>>> {
  const pages: Array<PageResult<C>> = [];
  let cursor = start;
  for (let i = 0; i < maxPages; i++) {
    const page = await connector.fetchPage(cursor);
    pages.push(page);
    cursor = JSON.parse(JSON.stringify(page.cursor)) as C;
    if (page.caughtUp) return pages;
  }
  throw new Error(`not caught up after ${maxPages} pages`);
}

/** Every mention in range; pages ordered by time in `direction`; caught up on the last page only. */
export function expectBackfillWalk(
  pages: Array<PageResult<unknown>>,
  range: TimeRange,
  direction: 'back' | 'forward' = 'back',
): void {
  const times = pages.map((p) => p.mentions.map((m) => m.published_at));
  for (const t of times.flat()) {
    expect(t).toBeGreaterThanOrEqual(range.from);
    expect(t).toBeLessThan(range.to);
  }
  const nonEmpty = times.filter((t) => t.length > 0);
  for (let i = 1; i < nonEmpty.length; i++) {
    if (direction === 'back')
      expect(Math.max(...nonEmpty[i]!)).toBeLessThanOrEqual(Math.min(...nonEmpty[i - 1]!));
    else expect(Math.min(...nonEmpty[i]!)).toBeGreaterThanOrEqual(Math.max(...nonEmpty[i - 1]!));
  }
  expect(pages.map((p) => p.caughtUp)).toEqual([...pages.slice(1).map(() => false), true]);
}

/** A raw JSON record of a recorded page. */
export type RawRecord = Record<string, unknown>;

/**
 * A page with broken records, for the conformance suite's `malformedRecords`: the i-th breaker replaces
 * the i-th record found at `path` (dot-separated; '' for a top-level array) with what it returns (a field
 * set to `undefined` is dropped from the JSON). `skipped` is the number of breakers, so it cannot drift
 * from the page.
 */
export function brokenRecords(
  response: ReplayResponse,
  path: string,
  ...breakers: Array<(record: RawRecord) => unknown>
): { response: ReplayResponse; skipped: number } {
  const broken = mutateJson(response, (body) => {
    const keys = path.split('.').filter(Boolean);
    const records = keys.reduce((node, key) => (node as RawRecord)[key], body) as RawRecord[];
    breakers.forEach((breaker, i) => (records[i] = breaker(records[i]!) as RawRecord));
  });
  return { response: broken, skipped: breakers.length };
}

/** A JSON 200 answer. */
export const jsonOk = (body: unknown): ReplayResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** Reddit's app-only token answer (`/api/v1/access_token`). */
export const redditToken = jsonOk({
  access_token: 't0k3n',
  token_type: 'bearer',
  expires_in: 86400,
  scope: '*',
});

/** Bluesky's createSession / refreshSession answer with the given JWTs. */
export const blueskySession = (accessJwt = 'a.b.c', refreshJwt = 'd.e.f'): ReplayResponse =>
  jsonOk({ did: 'did:plc:test', handle: 'acme.bsky.social', accessJwt, refreshJwt });
