/**
 * The conformance suite every connector passes (DESIGN.md §4), run over real recorded responses served by the
 * replay server. A connector's test file calls `runConformanceSuite({...})` once at top level and adds its own
 * source-specific tests beside it.
 *
 * What it checks:
 * - valid records: non-empty source/native_id/url/text, `published_at` a UTC ms number, no HTML tags or
 *   undecoded entities in text, ids unique on a page, sane engagement and ratings;
 * - incremental: polling until caught up only moves the cursor forward; a re-poll with the final cursor over
 *   the same responses returns nothing new;
 * - pagination that repeats a token raises `PaginationLoopError` instead of looping;
 * - 429 → `RateLimitedError` with the expected wait, then the retried call succeeds;
 * - 401 (recorded bodies) → `ConnectorAuthError`;
 * - malformed records are skipped and counted; malformed pages (HTML error page, truncated body) →
 *   `TransientSourceError`;
 * - `check()` never throws: ok on a good response, `{ ok: false }` on 401 and on connection refused;
 * - `parse()` normalizes every recorded success body and throws on garbage;
 * - every recorded fixture file of `fixtureSource` was loaded by the test file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrandQuery, Connector, ConnectorDefinition, PageResult } from '../../../core/connector.js';
import {
  ConnectorAuthError,
  PaginationLoopError,
  RateLimitedError,
  TransientSourceError,
} from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import type { FetchedMention } from '../../../core/mention.js';
import {
  htmlErrorPage,
  listFixtures,
  loadedFixtures,
  ReplayServer,
  tooManyRequests,
  truncated,
  type ReplayResponse,
} from '../../support/replay-server.js';

/** Default fixed clock for the suite: 2026-05-01T12:00:00Z. */
export const SUITE_NOW = Date.parse('2026-05-01T12:00:00Z');

/** Brands used when a config gives none. */
export const DEFAULT_BRANDS: BrandQuery[] = [
  { key: 'acme', name: 'Acme', query: 'acme' },
  { key: 'globex', name: 'Globex', query: 'globex' },
];

/** A situation to replay: routes to install and the cursor to start from. */
export interface Scenario<Cursor> {
  title: string;
  /** Installs routes (after `network.baseRoutes`). */
  setup(server: ReplayServer): void;
  /** @default null (first poll) */
  cursor?: Cursor | null;
}

/** Settings for connectors that talk HTTP (omit `network` for generators such as `demo`). */
export interface NetworkConformance<Cursor> {
  /** Path the connector fetches pages from; error responses are served here (any query). */
  pagePath: string | RegExp;
  /** A good page response, used for truncation, rate-limit recovery and `check()`. */
  samplePage: ReplayResponse;
  /** Routes every scenario needs, e.g. an OAuth token endpoint. */
  baseRoutes?(server: ReplayServer): void;
  /** Recorded success bodies `parse()` must normalize (≥ 1 valid mention each). */
  parseBodies: ReplayResponse[];
  /** A scenario that never ends unless the connector detects a repeated token/cursor. */
  paginationLoop: Scenario<Cursor> | { notApplicable: string };
  /** 429 scripts served at `pagePath`, then `samplePage`. @default [{ Retry-After: 7 → 7000 ms }] */
  rateLimits?: Array<{ title: string; response: ReplayResponse; expectedWaitMs: number }>;
  /** Responses that must give ConnectorAuthError (recorded 401/403 bodies). @default a bare 401 */
  authFailures?: ReplayResponse[];
  /** A page with broken records: it must yield `skipped` skips and the rest valid. */
  malformedRecords: { response: ReplayResponse; skipped: number };
  /** Extra bad pages that must give TransientSourceError (an HTML page and a truncated sample are built in). */
  malformedPages?: ReplayResponse[];
}

/** Everything the suite needs to know about one connector. */
export interface ConformanceConfig<Options, Cursor> {
  definition: ConnectorDefinition<Options, Cursor>;
  /** Raw options for an instance whose API base is `baseUrl`; validated by `definition.optionsSchema`. */
  options(baseUrl: string): Record<string, unknown>;
  credentials?: Record<string, string>;
  brands?: BrandQuery[];
  /** Fixed clock (ms). @default SUITE_NOW */
  now?: number;
  /** Successful situations; each must give ≥ `minMentions` (default 1) valid mentions over the poll. */
  pages: Array<Scenario<Cursor> & { minMentions?: number }>;
  /** Position of a cursor on the source's timeline (e.g. newest timestamp); must never decrease. */
  cursorPosition(cursor: Cursor): number;
  /**
   * Ids of records whose plain text legitimately quotes markup (e.g. HTML inside a Markdown code block);
   * the HTML-tag check is skipped for them, never the entity check.
   */
  quotesMarkup?: string[];
  /** Fixture folder whose every file must be loaded by the test file, e.g. `hn-algolia`. */
  fixtureSource?: string;
  network?: NetworkConformance<Cursor>;
}

const HTML_TAG =
  /<\/?(p|a|b|i|em|strong|br|div|span|ol|ul|li|font|img|blockquote|pre|code|h[1-6])(\s[^<>]*)?\/?>/i;
const ENTITY =
  /&(#\d{1,6}|#x[0-9a-f]{1,6}|amp|lt|gt|quot|apos|nbsp|rsquo|lsquo|rdquo|ldquo|mdash|ndash|hellip);/i;

/** Problems with one mention (empty when it satisfies the FetchedMention invariants). */
export function mentionProblems(m: FetchedMention, quotesMarkup = false): string[] {
  const problems: string[] = [];
  const bad = (what: string) => problems.push(`${m.source}/${m.native_id}: ${what}`);
  if (!m.source?.trim()) bad('empty source');
  if (!m.native_id?.trim()) bad('empty native_id');
  if (!['post', 'comment', 'review', 'article'].includes(m.kind)) bad(`kind ${String(m.kind)}`);
  if (!/^https?:\/\/[^\s/]+/.test(m.url ?? '') || !URL.canParse(m.url)) bad(`url ${m.url}`);
  if (typeof m.author !== 'string') bad('author not a string');
  if (!m.text?.trim()) bad('empty text');
  const tag = quotesMarkup ? undefined : HTML_TAG.exec(m.text ?? '')?.[0];
  if (tag) bad(`HTML tag ${tag} left in text`);
  const entity = ENTITY.exec(m.text ?? '')?.[0] ?? ENTITY.exec(m.title ?? '')?.[0];
  if (entity) bad(`undecoded entity ${entity}`);
  if (!Number.isInteger(m.published_at)) bad(`published_at ${m.published_at} is not integer ms`);
  else if (m.published_at < Date.UTC(2000, 0, 1) || m.published_at > Date.UTC(2100, 0, 1))
    bad(`published_at ${m.published_at} is not UTC ms`);
  for (const key of ['likes', 'shares', 'replies', 'score'] as const) {
    if (!Number.isFinite(m.engagement?.[key])) bad(`engagement.${key} missing`);
  }
  if (m.rating && !(m.rating.value >= 0 && m.rating.value <= m.rating.scale)) bad('rating out of scale');
  return problems;
}

/** Asserts the FetchedMention invariants. */
export function assertValidMention(m: FetchedMention): void {
  expect(mentionProblems(m)).toEqual([]);
}

/** Asserts every mention is valid and ids are unique within the list. */
export function assertValidPage(
  mentions: FetchedMention[],
  where: string,
  quotesMarkup: readonly string[] = [],
): void {
  expect(
    mentions.flatMap((m) => mentionProblems(m, quotesMarkup.includes(m.native_id))),
    where,
  ).toEqual([]);
  const ids = mentions.map((m) => m.native_id);
  expect(new Set(ids).size, `${where}: duplicate native_id on a page`).toBe(ids.length);
}

/** Registers the conformance tests for one connector (call at the top level of its test file). */
export function runConformanceSuite<Options, Cursor>(config: ConformanceConfig<Options, Cursor>): void {
  const { definition, network } = config;
  let server: ReplayServer;
  let closedBaseUrl: string;

  const create = (baseUrl: string): Connector<Cursor> =>
    definition.create({
      sourceId: `${definition.type}-test`,
      options: definition.optionsSchema.parse(config.options(baseUrl)),
      credentials: config.credentials ?? {},
      brands: config.brands ?? DEFAULT_BRANDS,
      logger: silentLogger,
      now: () => config.now ?? SUITE_NOW,
    });
  const prepare = (setup?: (s: ReplayServer) => void): Connector<Cursor> => {
    server.reset();
    network?.baseRoutes?.(server);
    setup?.(server);
    return create(server.baseUrl);
  };
  const servePage =
    (...responses: ReplayResponse[]) =>
    (s: ReplayServer) =>
      s.route({ path: network?.pagePath ?? '/' }, ...responses);

  /** Polls from `cursor` until caught up, collecting pages. */
  async function pollAll(connector: Connector<Cursor>, start: Cursor | null) {
    let cursor: Cursor | null = start;
    const pages: PageResult<Cursor>[] = [];
    for (let i = 0; i < 30; i++) {
      const page = await connector.fetchPage(cursor);
      pages.push(page);
      cursor = page.cursor;
      if (page.caughtUp) return { pages, cursor };
    }
    throw new Error(`${definition.type} did not catch up after 30 pages`);
  }

  describe(`${definition.type} connector conformance`, () => {
    beforeAll(async () => {
      server = await ReplayServer.start();
      const closed = await ReplayServer.start();
      closedBaseUrl = closed.baseUrl;
      await closed.close();
    });
    afterAll(async () => {
      await server.close();
    });

    it('declares a type, an options schema and credential keys', () => {
      expect(definition.type).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(typeof definition.optionsSchema.parse).toBe('function');
      for (const c of definition.credentials) expect(c.description).toMatch(/\S/);
    });

    for (const scenario of config.pages) {
      it(`returns valid records: ${scenario.title}`, async () => {
        const connector = prepare(scenario.setup);
        const { pages } = await pollAll(connector, scenario.cursor ?? null);
        pages.forEach((p, i) =>
          assertValidPage(p.mentions, `${scenario.title} page ${i}`, config.quotesMarkup),
        );
        const all = pages.flatMap((p) => p.mentions);
        expect(all.length).toBeGreaterThanOrEqual(scenario.minMentions ?? 1);
        expect(all.every((m) => m.source === definition.type)).toBe(true);
      });

      it(`moves the cursor forward only and a re-poll returns nothing new: ${scenario.title}`, async () => {
        const first = await pollAll(prepare(scenario.setup), scenario.cursor ?? null);
        const seen = new Set(first.pages.flatMap((p) => p.mentions.map((m) => m.native_id)));
        let position = scenario.cursor ? config.cursorPosition(scenario.cursor) : -Infinity;
        for (const page of first.pages) {
          const next = config.cursorPosition(page.cursor);
          expect(next).toBeGreaterThanOrEqual(position);
          position = next;
        }
        const again = await pollAll(prepare(scenario.setup), first.cursor);
        const fresh = again.pages.flatMap((p) => p.mentions).filter((m) => !seen.has(m.native_id));
        expect(fresh.map((m) => m.native_id)).toEqual([]);
        expect(config.cursorPosition(again.cursor)).toBeGreaterThanOrEqual(position);
        // The cursor must survive persistence as JSON.
        expect(JSON.parse(JSON.stringify(again.cursor))).toEqual(again.cursor);
      });
    }

    if (!network) return;

    it('parse() normalizes every recorded success body and rejects garbage', () => {
      for (const body of network.parseBodies) {
        const parsed = definition.parse(body.body, 'parse-test');
        expect(parsed.mentions.length, body.fixture).toBeGreaterThan(0);
        assertValidPage(parsed.mentions, `parse(${body.fixture ?? 'body'})`, config.quotesMarkup);
      }
      expect(() => definition.parse('\u0000 not a response {', 'parse-test')).toThrow();
    });

    const loop = network.paginationLoop;
    if ('notApplicable' in loop) {
      it(`cannot loop on pagination (${loop.notApplicable}): one poll is always caught up`, async () => {
        const connector = prepare((s) => s.get(network.pagePath, network.samplePage));
        const page = await connector.fetchPage(null);
        expect(page.mentions.length).toBeGreaterThan(0);
        expect(page.caughtUp).toBe(true);
      });
    } else {
      it(`refuses a repeated pagination token: ${loop.title}`, async () => {
        const connector = prepare(loop.setup);
        let cursor: Cursor | null = loop.cursor ?? null;
        const run = async () => {
          for (let i = 0; i < 25; i++) {
            const page = await connector.fetchPage(cursor);
            if (page.caughtUp) return page;
            cursor = page.cursor;
          }
          throw new Error('still paginating after 25 pages');
        };
        await expect(run()).rejects.toBeInstanceOf(PaginationLoopError);
      });
    }

    const rateLimits = network.rateLimits ?? [
      { title: 'Retry-After: 7', response: tooManyRequests(7), expectedWaitMs: 7000 },
    ];
    for (const rl of rateLimits) {
      it(`raises RateLimitedError with the right wait, then recovers: ${rl.title}`, async () => {
        const connector = prepare(servePage(rl.response, network.samplePage));
        const error = await connector.fetchPage(null).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RateLimitedError);
        expect((error as RateLimitedError).retryAfterMs).toBe(rl.expectedWaitMs);
        const page = await connector.fetchPage(null);
        expect(page.mentions.length).toBeGreaterThan(0);
      });
    }

    const authFailures = network.authFailures ?? [
      { status: 401, headers: { 'content-type': 'application/json' }, body: '{"error":"unauthorized"}' },
    ];
    for (const failure of authFailures) {
      it(`raises ConnectorAuthError and check() reports it: ${failure.fixture ?? failure.status}`, async () => {
        const connector = prepare(servePage(failure));
        const error = await connector.fetchPage(null).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConnectorAuthError);
        expect((error as Error).message).toContain(`${definition.type}-test`);
        const health = await connector.check();
        expect(health.ok).toBe(false);
      });
    }

    it('skips and counts malformed records, keeping the rest', async () => {
      const { response, skipped } = network.malformedRecords;
      const page = await prepare(servePage(response)).fetchPage(null);
      expect(page.skippedInvalid).toBe(skipped);
      assertValidPage(page.mentions, 'malformed-records page', config.quotesMarkup);
      expect(definition.parse(response.body, 'parse-test').skippedInvalid).toBe(skipped);
    });

    const badPages = [htmlErrorPage(), truncated(network.samplePage), ...(network.malformedPages ?? [])];
    badPages.forEach((bad, i) => {
      it(`raises TransientSourceError on a malformed page (#${i}: ${bad.body.slice(0, 30)}…)`, async () => {
        const error = await prepare(servePage(bad))
          .fetchPage(null)
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TransientSourceError);
      });
    });

    it('check() is ok on a good response and never throws', async () => {
      const connector = prepare(servePage(network.samplePage));
      await expect(connector.check()).resolves.toEqual(expect.objectContaining({ ok: true }));
    });

    it('check() reports connection refused; fetchPage raises TransientSourceError', async () => {
      const connector = create(closedBaseUrl);
      const health = await connector.check();
      expect(health.ok).toBe(false);
      await expect(connector.fetchPage(null)).rejects.toBeInstanceOf(TransientSourceError);
    });
  });

  if (config.fixtureSource) {
    const source = config.fixtureSource;
    afterAll(() => {
      const missing = listFixtures(source).filter((name) => !loadedFixtures.get(source)?.has(name));
      expect(missing, `recorded ${source} fixtures never exercised`).toEqual([]);
    });
  }
}
