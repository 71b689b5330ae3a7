/**
 * Reddit Listing JSON (`{ kind: 'Listing', data: { after, children: [{ kind: 't3', data }] } }`) → mentions.
 * Requests use `raw_json=1`, so text arrives unescaped; entities are still decoded for bodies fetched without it.
 */
import type { ParsedBody } from '../../core/connector.js';
import { ConnectorError, InvalidRecordError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { parseJsonBody } from '../http.js';
import { decodeEntities, joinTitleAndBody, normalizeWhitespace } from '../shared/text.js';

export const REDDIT_SERVICE = 'Reddit';

/** A listing: its children's data objects and the `after` token for the next (older) page. */
export interface RedditListing {
  children: Array<Record<string, unknown>>;
  after: string | null;
}

/** Reads a Listing envelope. @throws ConnectorError when the body is not a Listing. */
export function readListing(body: unknown, sourceId: string): RedditListing {
  const listing = body as { kind?: unknown; data?: { children?: unknown; after?: unknown } } | null;
  if (!listing || listing.kind !== 'Listing' || !Array.isArray(listing.data?.children)) {
    throw new ConnectorError(
      'Reddit response is not a Listing (expected {"kind":"Listing","data":{…}})',
      sourceId,
    );
  }
  const children = (listing.data.children as unknown[]).map((c) => {
    const data = (c as { data?: unknown } | null)?.data;
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  });
  const after = typeof listing.data.after === 'string' && listing.data.after ? listing.data.after : null;
  return { children, after };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Normalizes one submission (t3) or comment (t1). @throws InvalidRecordError when id, time or text is missing. */
export function normalizeThing(data: Record<string, unknown>, sourceId: string): FetchedMention {
  const name = str(data.name) || (str(data.id) ? `t3_${str(data.id)}` : '');
  if (!/^t[13]_[a-z0-9]+$/i.test(name))
    throw new InvalidRecordError('Reddit item without a fullname', sourceId);
  const created = data.created_utc;
  if (typeof created !== 'number' || !Number.isFinite(created) || created <= 0) {
    throw new InvalidRecordError(`Reddit item ${name} has no created_utc`, sourceId);
  }
  const permalink = str(data.permalink);
  if (!permalink.startsWith('/'))
    throw new InvalidRecordError(`Reddit item ${name} has no permalink`, sourceId);
  const isComment = name.startsWith('t1_');
  const title = normalizeWhitespace(decodeEntities(str(data.title)));
  const body = normalizeWhitespace(decodeEntities(isComment ? str(data.body) : str(data.selftext)));
  const text = joinTitleAndBody(title, body);
  if (!text) throw new InvalidRecordError(`Reddit item ${name} has no text`, sourceId);
  const mention: FetchedMention = {
    source: 'reddit',
    native_id: name,
    kind: isComment ? 'comment' : 'post',
    url: `https://www.reddit.com${permalink}`,
    author: str(data.author),
    text,
    published_at: Math.round(created * 1000),
    engagement: {
      likes: num(data.ups),
      shares: num(data.num_crossposts),
      replies: num(data.num_comments),
      score: num(data.score),
    },
  };
  if (title) mention.title = title;
  return mention;
}

/** Normalizes a listing's children; broken ones are counted. */
export function normalizeListing(listing: RedditListing, sourceId: string): ParsedBody {
  const mentions: FetchedMention[] = [];
  let skippedInvalid = 0;
  for (const child of listing.children) {
    try {
      mentions.push(normalizeThing(child, sourceId));
    } catch (error) {
      if (!(error instanceof InvalidRecordError)) throw error;
      skippedInvalid += 1;
    }
  }
  return { mentions, skippedInvalid };
}

/** `parse` for `earshot connectors parse reddit <file>`. */
export function parseReddit(body: string, sourceId = 'reddit'): ParsedBody {
  return normalizeListing(readListing(parseJsonBody(REDDIT_SERVICE, sourceId, body), sourceId), sourceId);
}
