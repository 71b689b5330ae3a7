/**
 * `demo`: a generator we write, not an API. It produces a realistic, deterministic stream of mentions for
 * the configured brands (positive / neutral / negative posts, comments and reviews about support, refunds,
 * delivery, the app, prices and staff), with a burst of negative "outage" mentions for one brand every
 * `spikeEveryHours` of simulated time. No network. The first poll backfills `backfillHours`, after
 * `backlog` historical mentions spread over the 30 days before it (a reproducible load: `backlog: 1000000`).
 */
import { z } from 'zod';
import type {
  BrandQuery,
  Connector,
  ConnectorDefinition,
  ConnectorContext,
  PageResult,
  ParsedBody,
  TimeRange,
} from '../../core/connector.js';
import { ConnectorError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { checkRange } from '../shared/backfill.js';
import { field, normalizeMentions, readRecord } from '../shared/records.js';
import { backlogMention, mentionsForMinute } from './generate.js';

export const DemoOptionsSchema = z.object({
  /** Seed of the stream; the same seed and clock give the same mentions. @default 42 */
  seed: z.number().int().nonnegative().default(42),
  /** Average mentions per simulated minute, all brands together. @default 6 */
  ratePerMinute: z.number().nonnegative().max(1000).default(6),
  /** One brand gets a 45-minute negative burst every this many hours; 0 disables. @default 6 */
  spikeEveryHours: z.number().nonnegative().default(6),
  /** History generated on the very first poll, so dashboards start with data. @default 24 */
  backfillHours: z
    .number()
    .nonnegative()
    .max(24 * 30)
    .default(24),
  /** Most mentions per page; more pages follow until the stream reaches now. @default 500 */
  maxPerPage: z.number().int().positive().max(10_000).default(500),
  /**
   * Historical mentions the very first poll returns before the stream, spread over the 30 days before it,
   * all brands in turn (load tests: `backlog: 1000000` with `maxPerPage: 10000`). @default 0
   */
  backlog: z.number().int().nonnegative().max(100_000_000).default(0),
});
export type DemoOptions = z.infer<typeof DemoOptionsSchema>;

/**
 * Cursor: everything before `generatedUntil` (epoch ms, exclusive) has been emitted. While the first poll's
 * backlog is being paged, `backlog` says where it stands: backlog mentions `[0, next)` of those anchored at
 * `anchor` are emitted (absent once the backlog is done, and in cursors written before it existed).
 */
export interface DemoCursor {
  generatedUntil: number;
  backlog?: { anchor: number; next: number };
}

const MINUTE = 60_000;
const FALLBACK_BRANDS: BrandQuery[] = [{ key: 'acme', name: 'Acme', query: 'acme' }];

function createDemo(ctx: ConnectorContext<DemoOptions>): Connector<DemoCursor> {
  const { options } = ctx;
  const brands = ctx.brands.length > 0 ? ctx.brands : FALLBACK_BRANDS;
  return {
    check: async () => ({ ok: true, detail: `generator for ${brands.map((b) => b.name).join(', ')}` }),
    async fetchPage(cursor) {
      const now = ctx.now();
      if (cursor === null && options.backlog > 0) {
        return backlogPage(
          options,
          brands,
          { anchor: now, next: 0 },
          now - options.backfillHours * 3_600_000,
        );
      }
      if (cursor?.backlog) return backlogPage(options, brands, cursor.backlog, cursor.generatedUntil);
      const from = cursor?.generatedUntil ?? now - options.backfillHours * 3_600_000;
      const { mentions, until } = generateWindow(options, brands, from, now);
      const generatedUntil = Math.max(until, cursor?.generatedUntil ?? 0);
      return { mentions, cursor: { generatedUntil }, caughtUp: generatedUntil >= now, skippedInvalid: 0 };
    },
  };
}

/** The next `maxPerPage` backlog mentions; the stream resumes from `streamFrom` once the backlog is done. */
function backlogPage(
  options: DemoOptions,
  brands: readonly BrandQuery[],
  at: { anchor: number; next: number },
  streamFrom: number,
): PageResult<DemoCursor> {
  const end = Math.min(options.backlog, at.next + options.maxPerPage);
  const mentions: FetchedMention[] = [];
  for (let i = at.next; i < end; i++)
    mentions.push(backlogMention(options, brands, options.backlog, at.anchor, i));
  const cursor: DemoCursor =
    end < options.backlog
      ? { generatedUntil: streamFrom, backlog: { anchor: at.anchor, next: end } }
      : { generatedUntil: streamFrom };
  return { mentions, cursor, caughtUp: false, skippedInvalid: 0 };
}

/**
 * Backfill: the same deterministic stream over `[from, to)`, oldest first, `maxPerPage` at a time. The
 * mentions are exactly those the scheduled connector emits for that window (same ids), so a backfill over
 * already ingested time stores nothing new.
 */
function createDemoBackfill(ctx: ConnectorContext<DemoOptions>, range: TimeRange): Connector<DemoCursor> {
  const { options } = ctx;
  checkRange(range, ctx.sourceId);
  const brands = ctx.brands.length > 0 ? ctx.brands : FALLBACK_BRANDS;
  return {
    check: async () => ({ ok: true, detail: `generator for ${brands.map((b) => b.name).join(', ')}` }),
    async fetchPage(cursor) {
      const from = Math.max(range.from, cursor?.generatedUntil ?? range.from);
      const { mentions, until } = generateWindow(options, brands, from, range.to);
      const generatedUntil = Math.max(until, from);
      return {
        mentions,
        cursor: { generatedUntil },
        caughtUp: generatedUntil >= range.to,
        skippedInvalid: 0,
      };
    },
  };
}

/**
 * The mentions timestamped in `[from, end)`, at most `maxPerPage`, and where the page stopped (`until`,
 * exclusive; `end` when everything fit). A page never splits the mentions of one millisecond.
 */
function generateWindow(
  options: DemoOptions,
  brands: readonly BrandQuery[],
  from: number,
  end: number,
): { mentions: FetchedMention[]; until: number } {
  const mentions: FetchedMention[] = [];
  let until = from;
  let minute = Math.floor(from / MINUTE);
  while (until < end && mentions.length < options.maxPerPage) {
    const minuteEnd = Math.min((minute + 1) * MINUTE, end);
    const inWindow = mentionsForMinute(options, brands, minute).filter(
      (m) => m.published_at >= until && m.published_at < minuteEnd,
    );
    const room = options.maxPerPage - mentions.length;
    if (inWindow.length > room) {
      // Stop inside the minute, before the first mention that does not fit (and its same-ms siblings).
      const cut = (inWindow[room] as FetchedMention).published_at;
      mentions.push(...inWindow.filter((m) => m.published_at < cut));
      until = Math.max(cut, until + 1);
      break;
    }
    mentions.push(...inWindow);
    until = minuteEnd;
    minute += 1;
  }
  return { mentions, until };
}

/**
 * A mention the generator printed. Only the fields a mention cannot do without are checked (as before);
 * the rest is kept as written, which is why the schema is typed as the whole mention.
 */
const GeneratedMentionSchema = z.looseObject({
  source: z.literal('demo'),
  native_id: field.nonEmpty,
  url: field.nonEmpty,
  text: field.nonEmpty,
  published_at: z.number(),
}) as unknown as z.ZodType<FetchedMention>;

/** `parse` for the demo source: reads JSON lines (or a JSON array) of mentions it generated earlier. */
function parseDemo(body: string, sourceId = 'demo'): ParsedBody {
  const trimmed = body.trim();
  let records: unknown[];
  try {
    records = trimmed.startsWith('[')
      ? (JSON.parse(trimmed) as unknown[])
      : trimmed
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as unknown);
  } catch (error) {
    throw new ConnectorError(
      'demo bodies are JSON lines of generated mentions (as printed by `earshot connectors parse`)',
      sourceId,
      { cause: error },
    );
  }
  return normalizeMentions(
    records,
    (r, id) => readRecord(GeneratedMentionSchema, r, 'demo mention', id),
    sourceId,
  );
}

/** The `demo` source type. */
export const demoConnector: ConnectorDefinition<DemoOptions, DemoCursor> = {
  type: 'demo',
  // It generates its mentions locally: no remote API to protect.
  defaultRequestsPerSecond: 100,
  optionsSchema: DemoOptionsSchema,
  credentials: [],
  create: createDemo,
  createBackfill: createDemoBackfill,
  parse: parseDemo,
};
