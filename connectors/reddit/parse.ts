/**
 * Reddit Listing JSON (`{ kind: 'Listing', data: { after, children: [{ kind: 't3', data }] } }`) → mentions.
 * Requests use `raw_json=1`, so text arrives unescaped; entities are still decoded for bodies fetched without it.
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
  normalizeMentions,
  readRecord,
  requireEnvelope,
} from '../shared/records.js';
import { decodeEntities, joinTitleAndBody, normalizeWhitespace } from '../shared/text.js';

export const REDDIT_SERVICE = 'Reddit';

/** A listing: its children's data objects and the `after` token for the next (older) page. */
export interface RedditListing {
  children: unknown[];
  after: string | null;
}

const ListingSchema = z.object({
  kind: z.literal('Listing'),
  data: z.object({
    // Each child is `{ kind: 't3', data }`; the record schema checks `data`.
    children: field.records.transform((children) =>
      children.map((c) => (c as { data?: unknown } | null)?.data),
    ),
    after: field.pageToken.transform((token) => token ?? null),
  }),
});

/** Reads a Listing envelope. @throws ConnectorError when the body is not a Listing. */
export function readListing(body: unknown, sourceId: string): RedditListing {
  const refuse = 'Reddit response is not a Listing (expected {"kind":"Listing","data":{…}})';
  return requireEnvelope(ListingSchema, body, () => new ConnectorError(refuse, sourceId)).data;
}

/** The fields of a submission (t3) or comment (t1) the connector reads. */
const ThingSchema = z.object({
  created_utc: z.number().positive(),
  permalink: z.string().startsWith('/'),
  ...fieldsOf(field.text, 'name', 'id', 'title', 'body', 'selftext', 'author'),
  // Comments only: the fullname they answer (t1_ or t3_) and their submission (the thread).
  ...fieldsOf(field.maybeText, 'parent_id', 'link_id'),
  ...fieldsOf(field.count, 'ups', 'num_crossposts', 'num_comments', 'score'),
});

const WHAT = 'Reddit item';

/** Normalizes one submission (t3) or comment (t1). @throws InvalidRecordError when id, time or text is missing. */
export function normalizeThing(raw: unknown, sourceId: string): FetchedMention {
  const thing = readRecord(ThingSchema, raw, WHAT, sourceId);
  const name = thing.name || (thing.id ? `t3_${thing.id}` : '');
  if (!/^t[13]_[a-z0-9]+$/i.test(name)) throw invalidRecord(WHAT, raw, sourceId, 'no fullname');
  const isComment = name.startsWith('t1_');
  const title = normalizeWhitespace(decodeEntities(thing.title));
  const body = normalizeWhitespace(decodeEntities(isComment ? thing.body : thing.selftext));
  const text = joinTitleAndBody(title, body);
  if (!text) throw invalidRecord(WHAT, raw, sourceId, 'no text');
  const mention: FetchedMention = {
    source: 'reddit',
    native_id: name,
    kind: isComment ? 'comment' : 'post',
    url: `https://www.reddit.com${thing.permalink}`,
    author: thing.author,
    text,
    published_at: Math.round(thing.created_utc * 1000),
    engagement: engagement(thing.ups, thing.num_crossposts, thing.num_comments, thing.score),
  };
  if (title) mention.title = title;
  if (isComment && thing.parent_id) mention.in_reply_to = thing.parent_id;
  mention.thread_id = isComment ? (thing.link_id ?? name) : name;
  return mention;
}

/** `parse` for `earshot connectors parse reddit <file>`. */
export function parseReddit(body: string, sourceId = 'reddit'): ParsedBody {
  const { children } = readListing(parseJsonBody(REDDIT_SERVICE, sourceId, body), sourceId);
  return normalizeMentions(children, normalizeThing, sourceId);
}
