/**
 * Record-level helpers every parser shares: read one raw API record with a zod schema (a record that does
 * not fit is an `InvalidRecordError`: skipped and counted, never fatal), and normalize a whole page, keeping
 * the records that normalize and counting the ones that do not.
 */
import { z } from 'zod';
import { InvalidRecordError } from '../../core/errors.js';
import type { ParsedBody } from '../../core/connector.js';
import type { FetchedMention } from '../../core/mention.js';

/** The records of a page that normalized, and how many were skipped as invalid. */
export interface NormalizedPage<R> {
  records: R[];
  skippedInvalid: number;
}

/**
 * Normalizes every raw record of a page with `normalize`. A record for which it throws
 * `InvalidRecordError` is skipped and counted; any other error propagates (it is a bug or a broken page,
 * not a broken record).
 */
export function normalizeAll<T, R>(items: readonly T[], normalize: (item: T) => R): NormalizedPage<R> {
  const records: R[] = [];
  let skippedInvalid = 0;
  for (const item of items) {
    try {
      records.push(normalize(item));
    } catch (error) {
      if (!(error instanceof InvalidRecordError)) throw error;
      skippedInvalid += 1;
    }
  }
  return { records, skippedInvalid };
}

/** `normalizeAll` for parsers whose records are the mentions themselves, as `ConnectorDefinition.parse` returns them. */
export function normalizeMentions<T>(
  items: readonly T[],
  normalize: (item: T) => FetchedMention,
): ParsedBody {
  const { records, skippedInvalid } = normalizeAll(items, normalize);
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

/** The error for a record that fits its schema but still cannot become a mention (`why` says what is missing). */
export function invalidRecord(what: string, raw: unknown, sourceId: string, why: string): InvalidRecordError {
  const id = idOf(raw);
  return new InvalidRecordError(`${what}${id ? ` ${id}` : ''} skipped: ${why}`, sourceId);
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

// Field schemas the record schemas share. Optional fields never fail a record: a missing or odd counter
// is 0, a missing text is ''.

/** An engagement counter: a finite number, else 0. */
export const count = z.number().catch(0);

/** A text field that may be absent or null: the string, else ''. */
export const optionalText = z.string().catch('');

/** A date string `Date.parse` understands, as epoch ms. */
export const dateMs = z.string().transform((value, ctx) => {
  const ms = Date.parse(value);
  if (Number.isFinite(ms)) return ms;
  ctx.addIssue({ code: 'custom', message: `not a date: ${JSON.stringify(value.slice(0, 40))}` });
  return z.NEVER;
});

/** A non-empty string. */
export const nonEmpty = z.string().min(1);

/** An optional page token: a non-empty string, else undefined (APIs send `""` or `null` at the end). */
export const pageToken = z.string().min(1).optional().catch(undefined);

/** A list of raw records, left for the record schema to check one by one. */
export const rawRecords = z.array(z.unknown());
