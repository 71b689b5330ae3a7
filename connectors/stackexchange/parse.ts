/**
 * Normalizes Stack Exchange `/search/advanced` responses (the common wrapper `{ items, has_more,
 * quota_max, quota_remaining, backoff? }` holding questions) into `FetchedMention`s, and reads the error
 * wrapper (`{ error_id, error_name, error_message }`). Pure: no network.
 */
import { z } from 'zod';
import type { ParsedBody } from '../../core/connector.js';
import type { FetchedMention } from '../../core/mention.js';
import {
  engagement,
  field,
  invalidRecord,
  normalizeAll,
  readJsonEnvelope,
  readRecord,
  requireJsonEnvelope,
} from '../shared/records.js';
import { decodeEntities, htmlToText, joinTitleAndBody, normalizeWhitespace } from '../shared/text.js';

const WrapperSchema = z.object({
  items: field.records,
  has_more: z.boolean().optional().catch(undefined),
  quota_max: field.maybeNumber,
  quota_remaining: field.maybeNumber,
  /** Seconds to wait before calling the same method again, when present. */
  backoff: field.maybeNumber,
});

/** The common wrapper of a successful response. */
export type Wrapper = z.output<typeof WrapperSchema>;

/** Reads an already parsed response wrapper; undefined when it is not one. */
export function toWrapper(json: unknown): Wrapper | undefined {
  const result = WrapperSchema.safeParse(json);
  return result.success ? result.data : undefined;
}

const ErrorSchema = z.object({ error_id: z.number(), error_name: z.string(), error_message: field.text });

/** The error wrapper Stack Exchange answers a failed call with. */
export type ApiError = z.output<typeof ErrorSchema>;

/** Reads an error wrapper from a body; undefined when it is not one. */
export function readApiError(body: string): ApiError | undefined {
  return readJsonEnvelope(ErrorSchema, body);
}

const QuestionSchema = z.object({
  question_id: z.number().int().positive(),
  title: z.string().min(1),
  link: z.string().url(),
  creation_date: z.number().int().positive(),
  owner: z.object({ display_name: field.text }).partial().optional(),
  body: field.maybeText,
  score: field.count,
  answer_count: field.count,
});

const WHAT = 'Stack Exchange question';

/**
 * Normalizes one question. `native_id` is `<site host>/q/<question_id>`: question ids are per site.
 * @throws InvalidRecordError when the id, title, link or creation date is missing or malformed.
 */
export function normalizeQuestion(raw: unknown, sourceId = 'stackexchange'): FetchedMention {
  const q = readRecord(QuestionSchema, raw, WHAT, sourceId);
  // Titles and names carry HTML entities (`&#39;`, `&quot;`) but no markup.
  const title = normalizeWhitespace(decodeEntities(q.title));
  if (!title) throw invalidRecord(WHAT, raw, sourceId, 'empty title');
  const body = q.body === undefined ? '' : htmlToText(q.body);
  const mention: FetchedMention = {
    source: 'stackexchange',
    native_id: `${new URL(q.link).host}/q/${q.question_id}`,
    kind: 'post',
    url: q.link,
    author: decodeEntities(q.owner?.display_name ?? ''),
    title,
    text: joinTitleAndBody(title, body),
    published_at: q.creation_date * 1000,
    engagement: engagement(0, 0, q.answer_count, q.score),
  };
  return mention;
}

/** Normalizes every question of a wrapper. */
export function normalizeWrapper(wrapper: Wrapper, sourceId: string) {
  return normalizeAll(wrapper.items, normalizeQuestion, sourceId);
}

/**
 * `ConnectorDefinition.parse` for Stack Exchange: normalizes a `/search/advanced` (or any question list)
 * response body.
 * @throws InvalidRecordError for any other body (an error wrapper, HTML, garbage).
 */
export function parseStackExchangeBody(body: string, sourceId = 'stackexchange'): ParsedBody {
  const expected = 'a Stack Exchange question list (expected {"items": [...], "has_more": …})';
  const wrapper = requireJsonEnvelope(WrapperSchema, body, expected, sourceId);
  const { records, skippedInvalid } = normalizeWrapper(wrapper, sourceId);
  return { mentions: records, skippedInvalid };
}
