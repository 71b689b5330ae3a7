/**
 * Algolia Hacker News search responses → `FetchedMention`s. Parses leniently across envelope versions
 * (2014, 2017 and current) and keys only on `hits[].objectID`.
 */
import { z } from 'zod';
import type { ParsedBody } from '../../core/connector.js';
import { ConnectorError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { parseJsonBody } from '../http.js';
import {
  engagement,
  field,
  fieldsOf,
  invalidRecord,
  lenient,
  normalizeAll,
  readRecord,
  requireEnvelope,
} from '../shared/records.js';
import { htmlToText, joinTitleAndBody } from '../shared/text.js';

/** The search envelope (fields we read). */
export interface HackerNewsPage {
  hits: unknown[];
  nbPages?: number;
  hitsPerPage?: number;
}

/** A normalized hit plus its `created_at_i` (seconds), which the cursor works in. */
export interface NormalizedHit {
  mention: FetchedMention;
  createdAtS: number;
}

const PageSchema = z.object({
  hits: field.records,
  ...fieldsOf(field.maybeNumber, 'nbPages', 'hitsPerPage'),
});

/** Validates the envelope. @throws ConnectorError (not a search response). */
export function readHackerNewsPage(body: unknown, sourceId: string): HackerNewsPage {
  const refuse = 'Hacker News (Algolia) response has no "hits" array; is this a search response?';
  return requireEnvelope(PageSchema, body, () => new ConnectorError(refuse, sourceId));
}

/** Algolia's text fields, across envelope versions: strings, sometimes numbers, often null. */
const text = lenient((v) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : ''));

/** The fields of one Algolia hit the connector reads. */
const HitSchema = z.object({
  objectID: text.transform((id) => id.trim()).pipe(z.string().regex(/^\d+$/, 'not a numeric objectID')),
  created_at_i: field.maybeNumber,
  created_at: text,
  _tags: field.list,
  ...fieldsOf(text, 'title', 'story_text', 'author'),
  comment_text: field.maybeText,
  ...fieldsOf(field.count, 'num_comments', 'points'),
});

const WHAT = 'Hacker News hit';

/** Normalizes one hit. @throws InvalidRecordError without an id, a time, or any text. */
export function normalizeHit(raw: unknown, sourceId: string): NormalizedHit {
  const hit = readRecord(HitSchema, raw, WHAT, sourceId);
  const id = hit.objectID;
  const createdAtS = hit.created_at_i ?? Date.parse(hit.created_at) / 1000;
  if (!Number.isFinite(createdAtS) || createdAtS <= 0)
    throw invalidRecord(WHAT, raw, sourceId, 'no valid created_at');
  const isComment = hit._tags.map(String).includes('comment') || hit.comment_text !== undefined;
  const title = htmlToText(hit.title);
  const body = isComment
    ? htmlToText(hit.comment_text ?? '')
    : joinTitleAndBody(title, htmlToText(hit.story_text));
  if (!body) throw invalidRecord(WHAT, raw, sourceId, 'no text');
  const mention: FetchedMention = {
    source: 'hackernews',
    native_id: id,
    kind: isComment ? 'comment' : 'post',
    url: `https://news.ycombinator.com/item?id=${id}`,
    author: hit.author,
    text: body,
    published_at: Math.round(createdAtS * 1000),
    engagement: engagement(0, 0, hit.num_comments, hit.points),
  };
  if (!isComment && title) mention.title = title;
  return { mention, createdAtS: Math.floor(createdAtS) };
}

/** `parse` for `earshot connectors parse hackernews <file>`. */
export function parseHackerNews(body: string, sourceId = 'hackernews'): ParsedBody {
  const page = readHackerNewsPage(parseJsonBody('Hacker News (Algolia)', sourceId, body), sourceId);
  const { records, skippedInvalid } = normalizeAll(page.hits, normalizeHit, sourceId);
  return { mentions: records.map((h) => h.mention), skippedInvalid };
}
