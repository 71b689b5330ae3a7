/**
 * Record-level helpers every parser shares: read a page envelope and each raw API record with a zod schema
 * (a record that does not fit is an `InvalidRecordError`: skipped and counted, never fatal), and normalize
 * a whole page, keeping the records that normalize and counting the ones that do not.
 */
import { z } from 'zod';
import type { ParsedBody } from '../../core/connector.js';
import { InvalidRecordError } from '../../core/errors.js';
import type { Engagement, FetchedMention } from '../../core/mention.js';
import { describeBody } from '../http.js';

/** The records of a page that normalized, and how many were skipped as invalid. */
export interface NormalizedPage<R> {
  records: R[];
  skippedInvalid: number;
}

/**
 * Normalizes every raw record of a page with `normalize(item, context)`. A record for which it throws
 * `InvalidRecordError` is skipped and counted; any other error propagates (a bug or a broken page, not a
 * broken record).
 */
export function normalizeAll<T, R, C>(
  items: readonly T[],
  normalize: (item: T, context: C) => R,
  context: C,
): NormalizedPage<R> {
  const records: R[] = [];
  let skippedInvalid = 0;
  for (const item of items) {
    try {
      records.push(normalize(item, context));
    } catch (error) {
      if (!(error instanceof InvalidRecordError)) throw error;
      skippedInvalid += 1;
    }
  }
  return { records, skippedInvalid };
}

/** `normalizeAll` for records that are mentions themselves, shaped as `ConnectorDefinition.parse` returns. */
export function normalizeMentions<T, C>(
  items: readonly T[],
  normalize: (item: T, context: C) => FetchedMention,
  context: C,
): ParsedBody {
  const { records, skippedInvalid } = normalizeAll(items, normalize, context);
  return { mentions: records, skippedInvalid };
}

/**
 * Reads one raw record with its schema.
 * @throws InvalidRecordError naming `what` (e.g. "GitHub issue"), the record's id when it has one, and the
 *   first field that does not fit.
 */
export function readRecord<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  what: string,
  sourceId: string,
): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw invalidRecord(what, raw, sourceId, describeIssue(result.error.issues[0]));
}

/** The error for a record that fits its schema but still cannot become a mention (`why` says what is missing). */
export function invalidRecord(what: string, raw: unknown, sourceId: string, why: string): InvalidRecordError {
  const id = idOf(raw);
  return new InvalidRecordError(`${what}${id ? ` ${id}` : ''} skipped: ${why}`, sourceId);
}

/**
 * Parses a JSON body and reads it with `schema` (an API's page envelope); undefined when the body is not
 * JSON or does not fit, so the caller can say what it expected.
 */
export function readJsonEnvelope<S extends z.ZodType>(schema: S, body: string): z.output<S> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const result = schema.safeParse(json);
  return result.success ? result.data : undefined;
}

/**
 * Reads an already parsed body with its envelope schema.
 * @throws the error `refuse()` builds when the body does not fit (each source says what it expected).
 */
export function requireEnvelope<S extends z.ZodType>(
  schema: S,
  json: unknown,
  refuse: () => Error,
): z.output<S> {
  const result = schema.safeParse(json);
  if (!result.success) throw refuse();
  return result.data;
}

/**
 * `readJsonEnvelope` for `ConnectorDefinition.parse`, which must refuse a body it cannot read.
 * @throws InvalidRecordError saying what was `expected` (e.g. `a YouTube commentThreads list ({"items":
 *   [...]})`) and what the body starts with (an error envelope, an HTML page, garbage).
 */
export function requireJsonEnvelope<S extends z.ZodType>(
  schema: S,
  body: string,
  expected: string,
  sourceId: string,
): z.output<S> {
  const envelope = readJsonEnvelope(schema, body);
  if (envelope === undefined)
    throw new InvalidRecordError(`not ${expected}; got ${describeBody(body)}`, sourceId);
  return envelope;
}

function describeIssue(issue: z.ZodError['issues'][number] | undefined): string {
  if (!issue) return 'not a valid record';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

function idOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { id, uri, name } = raw as Record<string, unknown>;
  const value = [id, uri, name].find((v) => typeof v === 'string' || typeof v === 'number');
  return value === undefined ? undefined : String(value).slice(0, 80);
}

/** Schema fields named `keys`, all read with `schema` (e.g. every engagement counter of a record). */
export function fieldsOf<K extends string, S extends z.ZodType>(schema: S, ...keys: K[]): Record<K, S> {
  return Object.fromEntries(keys.map((key) => [key, schema])) as Record<K, S>;
}

/** A mention's engagement from a record's counters; `score` only where the source has one (Reddit, HN). */
export function engagement(likes: number, shares: number, replies: number, score = 0): Engagement {
  return { likes, shares, replies, score };
}

/**
 * A lenient field: whatever the record holds, absent included, read by `read` (never an issue, so never a
 * skipped record); exported for source-specific lenient fields.
 */
export const lenient = <T>(read: (value: unknown) => T) => z.unknown().optional().transform(read);

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Field schemas the record schemas share. Optional fields never fail a record: a missing or odd counter
 * is 0, a missing text is ''. They are transforms rather than `.catch()`, which builds an error for every
 * absent field (most records lack some) and made parsing several times slower.
 */
export const field = {
  /** An engagement counter: a finite number, else 0. */
  count: lenient((v) => (finite(v) ? v : 0)),
  /** A text that may be absent or null: the string, else ''. */
  text: lenient((v) => (typeof v === 'string' ? v : '')),
  /** A string that may be absent or of another type: the string, else undefined. */
  maybeText: lenient((v) => (typeof v === 'string' ? v : undefined)),
  /** A number that may be absent or of another type: the number, else undefined. */
  maybeNumber: lenient((v) => (finite(v) ? v : undefined)),
  /** A list that may be absent: the array, else []. */
  list: lenient((v) => (Array.isArray(v) ? (v as unknown[]) : [])),
  /** A nested object that may be absent: the object, else undefined. */
  maybeObject: lenient((v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined,
  ),
  /** A non-empty string. */
  nonEmpty: z.string().min(1),
  /** A date string `Date.parse` understands, as epoch ms. */
  date: z.string().transform((value, ctx) => {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ms;
    ctx.addIssue({ code: 'custom', message: `not a date: ${JSON.stringify(value.slice(0, 40))}` });
    return z.NEVER;
  }),
  /** An optional page token: a non-empty string, else undefined (APIs send `""` or `null` at the end). */
  pageToken: lenient((v) => (typeof v === 'string' && v !== '' ? v : undefined)),
  /** A list of raw records, left for the record schema to check one by one. */
  records: z.array(z.unknown()),
};
