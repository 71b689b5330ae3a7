/**
 * Apple App Store customer-reviews feed (JSON flavour) → review mentions. Handles the feed's traps: `entry`
 * missing past the last page, `entry` as a single object, app metadata as the first entry in old feeds
 * (no `im:rating`), ratings as strings, and per-entry `updated` being optional.
 */
import { z } from 'zod';
import type { ParsedBody } from '../../core/connector.js';
import { ConnectorError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { parseJsonBody } from '../http.js';
import {
  engagement,
  fieldsOf,
  lenient,
  invalidRecord,
  normalizeMentions,
  readRecord,
} from '../shared/records.js';
import { joinTitleAndBody, normalizeWhitespace, toEpochMs } from '../shared/text.js';

export const APPSTORE_SERVICE = 'App Store';

/** The plain-text body Apple returns for page > 10 (status not guaranteed). */
export function isPageDepthError(text: string): boolean {
  return /page depth is limited/i.test(text.slice(0, 500));
}

type Labelled = { label?: unknown; attributes?: Record<string, unknown> } | undefined;
type Entry = Record<string, Labelled | Record<string, Labelled>>;

/** The feed's entries (possibly none) and its `updated` time. @throws ConnectorError if not a feed. */
export function readFeed(body: unknown, sourceId: string): { entries: Entry[]; updated?: number } {
  const feed = (body as { feed?: Record<string, unknown> } | null)?.feed;
  if (!feed || typeof feed !== 'object') {
    throw new ConnectorError(
      'App Store response has no "feed" object; is this a customer-reviews JSON feed?',
      sourceId,
    );
  }
  const raw = feed.entry;
  const entries = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter(
    (e): e is Entry => !!e && typeof e === 'object',
  );
  return { entries, updated: toEpochMs(label(feed.updated as Labelled)) };
}

/** True for the app-metadata entry old feeds put first (it has no rating). */
export function isAppMetadata(entry: Entry): boolean {
  return (
    entry['im:rating'] === undefined && (entry['im:name'] !== undefined || entry['im:artist'] !== undefined)
  );
}

function label(node: Labelled): string {
  const v = node?.label;
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** A feed value `{ "label": … }` as trimmed text; '' when absent. */
const labelled = lenient((node) => label(node as Labelled));

/** The fields of a review entry the connector reads. */
const ReviewSchema = z.object({
  id: labelled.pipe(z.string().min(1, 'no id')),
  'im:rating': labelled.transform(Number).pipe(z.number().int().min(1).max(5)),
  ...fieldsOf(labelled, 'title', 'content', 'updated', 'im:voteSum', 'im:voteCount'),
  author: lenient((author) => label((author as { name?: Labelled } | undefined)?.name)),
});

/** Which app and storefront a feed is of, and the time used for reviews without `updated`. */
export interface FeedContext {
  sourceId: string;
  appId: string;
  country: string;
  fallbackTime: number;
}

const WHAT = 'App Store review';

/**
 * Normalizes one review. `fallbackTime` is used when the entry has no `updated` (2021 feeds have none).
 * @throws InvalidRecordError without an id, a rating 1–5, or any text.
 */
export function normalizeReview(entry: unknown, ctx: FeedContext): FetchedMention {
  const review = readRecord(ReviewSchema, entry, WHAT, ctx.sourceId);
  const id = review.id;
  const title = normalizeWhitespace(review.title);
  const text = joinTitleAndBody(title, normalizeWhitespace(review.content));
  if (!text) throw invalidRecord(WHAT, { id }, ctx.sourceId, 'no text');
  const voteSum = Number(review['im:voteSum']) || 0;
  const voteCount = Number(review['im:voteCount']) || 0;
  const mention: FetchedMention = {
    source: 'appstore',
    native_id: id,
    kind: 'review',
    url: `https://apps.apple.com/${ctx.country}/app/id${ctx.appId}?see-all=reviews#review-${id}`,
    author: normalizeWhitespace(review.author),
    text,
    published_at: toEpochMs(review.updated) ?? ctx.fallbackTime,
    // "Helpful" votes: voteSum counts helpful ones out of voteCount.
    engagement: engagement(voteSum, 0, 0, 2 * voteSum - voteCount),
    rating: { value: review['im:rating'], scale: 5 },
  };
  if (title) mention.title = title;
  return mention;
}

/** Normalizes every review of a feed; metadata entries are dropped silently, broken reviews counted. */
export function normalizeFeed(entries: Entry[], ctx: FeedContext): ParsedBody {
  const reviews = entries.filter((entry) => !isAppMetadata(entry));
  return normalizeMentions(reviews, normalizeReview, ctx);
}

/** `parse` for `earshot connectors parse appstore <file>`; app id and country come from the feed links. */
export function parseAppStore(body: string, sourceId = 'appstore'): ParsedBody {
  if (isPageDepthError(body)) return { mentions: [], skippedInvalid: 0 };
  const json = parseJsonBody<unknown>(APPSTORE_SERVICE, sourceId, body);
  const { entries, updated } = readFeed(json, sourceId);
  const self = JSON.stringify((json as { feed?: { id?: unknown } }).feed?.id ?? '');
  const appId = /id=(\d+)/.exec(self)?.[1] ?? /review\?id=(\d+)/.exec(body)?.[1] ?? '0';
  const country = /[?&]cc=([a-z]{2})/i.exec(self)?.[1]?.toLowerCase() ?? 'us';
  return normalizeFeed(entries, { sourceId, appId, country, fallbackTime: updated ?? Date.now() });
}
