/**
 * Algolia Hacker News search responses → `FetchedMention`s. Parses leniently across envelope versions
 * (2014, 2017 and current) and keys only on `hits[].objectID`.
 */
import type { ParsedBody } from '../../core/connector.js';
import { ConnectorError, InvalidRecordError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { parseJsonBody } from '../http.js';
import { htmlToText, joinTitleAndBody } from '../shared/text.js';

/** One Algolia hit (fields we read). */
export interface HackerNewsHit {
  objectID?: unknown;
  created_at?: unknown;
  created_at_i?: unknown;
  title?: unknown;
  url?: unknown;
  author?: unknown;
  points?: unknown;
  story_text?: unknown;
  comment_text?: unknown;
  num_comments?: unknown;
  story_title?: unknown;
  _tags?: unknown;
}

/** The search envelope (fields we read). */
export interface HackerNewsPage {
  hits: HackerNewsHit[];
  nbPages?: number;
  hitsPerPage?: number;
}

/** A normalized hit plus its `created_at_i` (seconds), which the cursor works in. */
export interface NormalizedHit {
  mention: FetchedMention;
  createdAtS: number;
}

/** Validates the envelope. @throws ConnectorError (not a search response). */
export function readHackerNewsPage(body: unknown, sourceId: string): HackerNewsPage {
  const page = body as Partial<HackerNewsPage> | null;
  if (!page || typeof page !== 'object' || !Array.isArray(page.hits)) {
    throw new ConnectorError(
      'Hacker News (Algolia) response has no "hits" array; is this a search response?',
      sourceId,
    );
  }
  return page as HackerNewsPage;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Normalizes one hit. @throws InvalidRecordError without an id, a time, or any text. */
export function normalizeHit(hit: HackerNewsHit, sourceId: string): NormalizedHit {
  const id = str(hit.objectID).trim();
  if (!/^\d+$/.test(id)) throw new InvalidRecordError(`hit without a numeric objectID`, sourceId);
  const createdAtS =
    typeof hit.created_at_i === 'number' && Number.isFinite(hit.created_at_i)
      ? hit.created_at_i
      : Date.parse(str(hit.created_at)) / 1000;
  if (!Number.isFinite(createdAtS) || createdAtS <= 0) {
    throw new InvalidRecordError(`hit ${id} has no valid created_at`, sourceId);
  }
  const tags = Array.isArray(hit._tags) ? hit._tags.map(String) : [];
  const isComment = tags.includes('comment') || typeof hit.comment_text === 'string';
  const title = htmlToText(str(hit.title));
  const text = isComment
    ? htmlToText(str(hit.comment_text))
    : joinTitleAndBody(title, htmlToText(str(hit.story_text)));
  if (!text) throw new InvalidRecordError(`hit ${id} has no text`, sourceId);
  const mention: FetchedMention = {
    source: 'hackernews',
    native_id: id,
    kind: isComment ? 'comment' : 'post',
    url: `https://news.ycombinator.com/item?id=${id}`,
    author: str(hit.author),
    text,
    published_at: Math.round(createdAtS * 1000),
    engagement: { likes: 0, shares: 0, replies: num(hit.num_comments), score: num(hit.points) },
  };
  if (!isComment && title) mention.title = title;
  return { mention, createdAtS: Math.floor(createdAtS) };
}

/** Normalizes every hit of a page; invalid hits are counted. */
export function normalizeHits(
  page: HackerNewsPage,
  sourceId: string,
): { hits: NormalizedHit[]; skipped: number } {
  const hits: NormalizedHit[] = [];
  let skipped = 0;
  for (const hit of page.hits) {
    try {
      hits.push(normalizeHit(hit ?? {}, sourceId));
    } catch (error) {
      if (!(error instanceof InvalidRecordError)) throw error;
      skipped += 1;
    }
  }
  return { hits, skipped };
}

/** `parse` for `earshot connectors parse hackernews <file>`. */
export function parseHackerNews(body: string, sourceId = 'hackernews'): ParsedBody {
  const page = readHackerNewsPage(parseJsonBody('Hacker News (Algolia)', sourceId, body), sourceId);
  const { hits, skipped } = normalizeHits(page, sourceId);
  return { mentions: hits.map((h) => h.mention), skippedInvalid: skipped };
}
