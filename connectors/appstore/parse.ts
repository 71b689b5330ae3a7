/**
 * Apple App Store customer-reviews feed (JSON flavour) → review mentions. Handles the feed's traps: `entry`
 * missing past the last page, `entry` as a single object, app metadata as the first entry in old feeds
 * (no `im:rating`), ratings as strings, and per-entry `updated` being optional.
 */
import type { ParsedBody } from '../../core/connector.js';
import { ConnectorError, InvalidRecordError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { parseJsonBody } from '../http.js';
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

/**
 * Normalizes one review. `fallbackTime` is used when the entry has no `updated` (2021 feeds have none).
 * @throws InvalidRecordError without an id, a rating 1–5, or any text.
 */
export function normalizeReview(
  entry: Entry,
  ctx: { sourceId: string; appId: string; country: string; fallbackTime: number },
): FetchedMention {
  const id = label(entry.id as Labelled);
  if (!id) throw new InvalidRecordError('review without id', ctx.sourceId);
  const rating = Number(label(entry['im:rating'] as Labelled));
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
    throw new InvalidRecordError(`review ${id} has no rating 1–5`, ctx.sourceId);
  }
  const title = normalizeWhitespace(label(entry.title as Labelled));
  const text = joinTitleAndBody(title, normalizeWhitespace(label(entry.content as Labelled)));
  if (!text) throw new InvalidRecordError(`review ${id} has no text`, ctx.sourceId);
  const author = entry.author as Record<string, Labelled> | undefined;
  const voteSum = Number(label(entry['im:voteSum'] as Labelled)) || 0;
  const voteCount = Number(label(entry['im:voteCount'] as Labelled)) || 0;
  const mention: FetchedMention = {
    source: 'appstore',
    native_id: id,
    kind: 'review',
    url: `https://apps.apple.com/${ctx.country}/app/id${ctx.appId}?see-all=reviews#review-${id}`,
    author: normalizeWhitespace(label(author?.name)),
    text,
    published_at: toEpochMs(label(entry.updated as Labelled)) ?? ctx.fallbackTime,
    // "Helpful" votes: voteSum counts helpful ones out of voteCount.
    engagement: { likes: voteSum, shares: 0, replies: 0, score: 2 * voteSum - voteCount },
    rating: { value: rating, scale: 5 },
  };
  if (title) mention.title = title;
  return mention;
}

/** Normalizes every review of a feed; metadata entries are dropped silently, broken reviews counted. */
export function normalizeFeed(
  entries: Entry[],
  ctx: { sourceId: string; appId: string; country: string; fallbackTime: number },
): ParsedBody {
  const mentions: FetchedMention[] = [];
  let skippedInvalid = 0;
  for (const entry of entries) {
    if (isAppMetadata(entry)) continue;
    try {
      mentions.push(normalizeReview(entry, ctx));
    } catch (error) {
      if (!(error instanceof InvalidRecordError)) throw error;
      skippedInvalid += 1;
    }
  }
  return { mentions, skippedInvalid };
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
