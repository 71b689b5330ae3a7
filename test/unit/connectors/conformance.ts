/**
 * The conformance suite every connector passes (DESIGN.md §4), run over real recorded responses served by the
 * replay server. A connector's test file calls `runConformanceSuite({...})` once at top level and adds its own
 * source-specific tests beside it.
 *
 * What it checks:
 * - the options documented in `docs/connectors/<type>.md` parse, and each one is validated (a wrong type fails);
 * - valid records: non-empty source/native_id/url/text, `published_at` a UTC ms number, no HTML tags or
 *   undecoded entities in text, ids unique on a page, sane engagement and ratings;
 * - incremental: polling until caught up only moves the cursor forward; a re-poll with the final cursor over
 *   the same responses returns nothing new;
 * - backfill (where the definition has `createBackfill`): valid records inside `[from, to)` only, pages in
 *   one direction of time, a finished walk stays finished;
 * - for the scheduled and the backfill instance alike (conformance-network.ts): a repeated pagination token
 *   raises `PaginationLoopError`; 429 → `RateLimitedError` with the expected wait, then the retried call
 *   succeeds; recorded 401/403 → `ConnectorAuthError` and `check()` reports it; malformed records are skipped
 *   and counted; an HTML error page or a truncated body → `TransientSourceError`; `check()` is ok on a good
 *   response and `{ ok: false }` on connection refused;
 * - `parse()` normalizes every recorded success body, counts broken records and throws on garbage;
 * - every recorded fixture file of `fixtureSource` was loaded by the test file.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { BrandQuery, Connector, ConnectorDefinition, TimeRange } from '../../../core/connector.js';
import {
  listFixtures,
  loadedFixtures,
  ReplayServer,
  type ReplayResponse,
} from '../../support/replay-server.js';
import { runNetworkConformance } from './conformance-network.js';
import { assertValidPage } from './mention-checks.js';
import { contextFor, drain, expectBackfillWalk } from './support.js';

export { assertValidMention, assertValidPage, mentionProblems } from './mention-checks.js';

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

/** A scenario that must give at least `minMentions` (default 1) valid mentions until caught up. */
export type PageScenario<Cursor> = Scenario<Cursor> & { minMentions?: number };

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
  /** The source's own rate-limit answers (served at `pagePath`, then `samplePage`), besides Retry-After. */
  rateLimits?: Array<{ title: string; response: ReplayResponse; expectedWaitMs: number }>;
  /** Responses that must give ConnectorAuthError (recorded 401/403 bodies). @default a bare 401 */
  authFailures?: ReplayResponse[];
  /** A page with broken records: it must yield `skipped` skips and the rest valid. */
  malformedRecords: { response: ReplayResponse; skipped: number };
  /** Extra bad pages that must give TransientSourceError (an HTML page and a truncated sample are built in). */
  malformedPages?: ReplayResponse[];
}

/** How to exercise `definition.createBackfill`; required when the definition has one. */
export interface BackfillConformance {
  /** The range walked; it must hold records of `network.samplePage` (used for rate-limit recovery). */
  range: TimeRange;
  /** Walks of the range, from a null cursor, each giving ≥ `minMentions` (default 1) mentions. */
  pages: Array<PageScenario<never>>;
  /** A walk that never ends unless the backfill refuses a repeated page token (HTTP sources). */
  paginationLoop?: Scenario<never>;
  /** Time direction of the walk. @default 'back' (newest first) */
  direction?: 'back' | 'forward';
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
  pages: Array<PageScenario<Cursor>>;
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
  backfill?: BackfillConformance;
}

/** The connector entries of a `sources:` list in the YAML examples of `docs/connectors/<type>.md`. */
function documentedSources(type: string) {
  const doc = readFileSync(new URL(`../../../docs/connectors/${type}.md`, import.meta.url), 'utf8');
  const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parseYaml(m[1]!) as unknown);
  return blocks
    .flatMap((b) => (b as { sources?: unknown[] }).sources ?? [])
    .map((s) => s as { type?: string; options?: Record<string, unknown>; credentials?: object })
    .filter((s) => s.type === type);
}

/** Registers the conformance tests for one connector (call at the top level of its test file). */
export function runConformanceSuite<Options, Cursor>(config: ConformanceConfig<Options, Cursor>): void {
  const { definition, network } = config;
  let server: ReplayServer;
  let closedBaseUrl: string;
  const setup = {
    credentials: config.credentials,
    brands: config.brands,
    now: config.now ?? SUITE_NOW,
  };
  const contextAt = (baseUrl: string, sourceId = `${definition.type}-test`) =>
    contextFor(definition as ConnectorDefinition<Options, unknown>, config.options(baseUrl), {
      ...setup,
      sourceId,
    });
  const prepare = <C>(make: (baseUrl: string) => Connector<C>, routes?: (s: ReplayServer) => void) => {
    server.reset();
    network?.baseRoutes?.(server);
    routes?.(server);
    return make(server.baseUrl);
  };
  const scheduled = (baseUrl: string) => definition.create(contextAt(baseUrl));
  const backfillOf = (range: TimeRange) => (baseUrl: string) =>
    definition.createBackfill!(
      contextAt(baseUrl, `${definition.type}-backfill`),
      range,
    ) as Connector<unknown>;

  describe(`${definition.type} connector conformance`, () => {
    server = ReplayServer.forTests();
    beforeAll(async () => {
      // A port that was just free and is closed again: connection refused.
      const closed = await ReplayServer.start();
      closedBaseUrl = closed.baseUrl;
      await closed.close();
    });

    it('declares a type and credential keys, and validates the options its documentation shows', () => {
      expect(definition.type).toMatch(/^[a-z][a-z0-9-]*$/);
      for (const c of definition.credentials) expect(c.description).toMatch(/\S/);
      const examples = documentedSources(definition.type);
      expect(examples.length, `a YAML example in docs/connectors/${definition.type}.md`).toBeGreaterThan(0);
      const keys = definition.credentials.map((c) => c.key);
      for (const { options = {}, credentials = {} } of examples) {
        expect(() => definition.optionsSchema.parse(options)).not.toThrow();
        expect(keys).toEqual(expect.arrayContaining(Object.keys(credentials)));
        // A documented option the schema does not know would be dropped silently; one it does know
        // refuses a value of the wrong type, naming the option.
        for (const key of Object.keys(options)) {
          const result = definition.optionsSchema.safeParse({ ...options, [key]: { wrong: true } });
          expect(result.success, `documented option "${key}" is not one the schema reads`).toBe(false);
          expect(result.error?.issues.map((i) => i.path[0])).toContain(key);
        }
      }
    });

    for (const scenario of config.pages) {
      it(`returns valid records: ${scenario.title}`, async () => {
        const pages = await drain(prepare(scheduled, scenario.setup), scenario.cursor ?? null, 30);
        pages.forEach((p, i) =>
          assertValidPage(p.mentions, `${scenario.title} page ${i}`, config.quotesMarkup),
        );
        const all = pages.flatMap((p) => p.mentions);
        expect(all.length).toBeGreaterThanOrEqual(scenario.minMentions ?? 1);
        expect(all.every((m) => m.source === definition.type)).toBe(true);
      });

      it(`moves the cursor forward only and a re-poll returns nothing new: ${scenario.title}`, async () => {
        const first = await drain(prepare(scheduled, scenario.setup), scenario.cursor ?? null, 30);
        const seen = new Set(first.flatMap((p) => p.mentions.map((m) => m.native_id)));
        let position = scenario.cursor ? config.cursorPosition(scenario.cursor) : -Infinity;
        for (const page of first) {
          expect(config.cursorPosition(page.cursor)).toBeGreaterThanOrEqual(position);
          position = config.cursorPosition(page.cursor);
        }
        const again = await drain(prepare(scheduled, scenario.setup), first.at(-1)!.cursor, 30);
        const fresh = again.flatMap((p) => p.mentions).filter((m) => !seen.has(m.native_id));
        expect(fresh.map((m) => m.native_id)).toEqual([]);
        const last = again.at(-1)!.cursor;
        expect(config.cursorPosition(last)).toBeGreaterThanOrEqual(position);
        // The cursor must survive persistence as JSON.
        expect(JSON.parse(JSON.stringify(last))).toEqual(last);
      });
    }

    if (definition.createBackfill) {
      const bf = config.backfill;
      it('has a backfill scenario for its createBackfill', () => expect(bf?.pages.length).toBeGreaterThan(0));
      for (const scenario of bf?.pages ?? []) {
        it(`backfill returns valid records inside [from, to) only, then stays finished: ${scenario.title}`, async () => {
          const connector = prepare(backfillOf(bf!.range), scenario.setup);
          const pages = await drain(connector);
          pages.forEach((p, i) => assertValidPage(p.mentions, `backfill page ${i}`, config.quotesMarkup));
          expect(pages.flatMap((p) => p.mentions).length).toBeGreaterThanOrEqual(scenario.minMentions ?? 1);
          expectBackfillWalk(pages, bf!.range, bf!.direction);
          const after = await connector.fetchPage(pages.at(-1)!.cursor);
          expect({ mentions: after.mentions, caughtUp: after.caughtUp }).toEqual({
            mentions: [],
            caughtUp: true,
          });
        });
      }
    }

    if (!network) return;

    it('parse() normalizes every recorded success body, counts broken records and rejects garbage', () => {
      for (const body of network.parseBodies) {
        const parsed = definition.parse(body.body, 'parse-test');
        expect(parsed.mentions.length, body.fixture).toBeGreaterThan(0);
        assertValidPage(parsed.mentions, `parse(${body.fixture ?? 'body'})`, config.quotesMarkup);
      }
      const { response, skipped } = network.malformedRecords;
      expect(definition.parse(response.body, 'parse-test').skippedInvalid).toBe(skipped);
      expect(() => definition.parse('\u0000 not a response {', 'parse-test')).toThrow();
    });

    runNetworkConformance(network, {
      label: 'poll',
      sourceId: `${definition.type}-test`,
      prepare: (routes) => prepare(scheduled, routes),
      closedServer: () => scheduled(closedBaseUrl),
      paginationLoop: network.paginationLoop,
      quotesMarkup: config.quotesMarkup,
    });
    if (definition.createBackfill && config.backfill) {
      const make = backfillOf(config.backfill.range);
      runNetworkConformance(network, {
        label: 'backfill',
        sourceId: `${definition.type}-backfill`,
        prepare: (routes) => prepare(make, routes),
        closedServer: () => make(closedBaseUrl),
        paginationLoop: config.backfill.paginationLoop,
        quotesMarkup: config.quotesMarkup,
      });
    }
  });

  if (config.fixtureSource) {
    const source = config.fixtureSource;
    afterAll(() => {
      const missing = listFixtures(source).filter((name) => !loadedFixtures.get(source)?.has(name));
      expect(missing, `recorded ${source} fixtures never exercised`).toEqual([]);
    });
  }
}
