/**
 * `rss`: any RSS 2.0 / Atom feed (Google Alerts, Google News search, blogs, press rooms). One document per
 * poll, fetched with a conditional GET; new items are those whose id was not seen before.
 */
import { z } from 'zod';
import type { Connector, ConnectorDefinition, PageResult } from '../../core/connector.js';
import { httpRequest } from '../http.js';
import { safeCheck } from '../../platform/health.js';
import { recentIds } from '../shared/search-terms.js';
import { parseFeed } from './parse.js';

export const RssOptionsSchema = z.object({
  /** Feed URL (Google Alerts "deliver to RSS feed" URL, `https://news.google.com/rss/search?q=…`, …). */
  url: z.string().url(),
  /** Most items taken from one document (newest first). @default 100 */
  maxItems: z.number().int().positive().max(1000).default(100),
  /** Per-request timeout. @default 20000 */
  timeoutMs: z.number().int().positive().default(20_000),
});
export type RssOptions = z.infer<typeof RssOptionsSchema>;

/** Cursor: ids already delivered (most recent first, bounded) and the conditional-GET validators. */
export interface RssCursor {
  seenIds: string[];
  /** Newest `published_at` delivered so far (ms); 0 before the first item. */
  newestPublishedAt: number;
  etag?: string;
  lastModified?: string;
}

/** How many delivered ids the cursor remembers (feeds hold 10–100 items). */
export const RSS_SEEN_IDS_MAX = 1000;

function createRss(
  ctx: Parameters<ConnectorDefinition<RssOptions, RssCursor>['create']>[0],
): Connector<RssCursor> {
  const { options, sourceId } = ctx;
  const get = (cursor: RssCursor | null) =>
    httpRequest<string>({
      sourceId,
      service: 'feed',
      url: options.url,
      expect: 'xml',
      timeoutMs: options.timeoutMs,
      passStatuses: [304],
      headers: {
        ...(cursor?.etag ? { 'If-None-Match': cursor.etag } : {}),
        ...(cursor?.lastModified ? { 'If-Modified-Since': cursor.lastModified } : {}),
      },
      now: ctx.now,
    });
  return {
    check: () =>
      safeCheck(async () => {
        const res = await get(null);
        return `${parseFeed(res.text, sourceId, ctx.now()).mentions.length} items in the feed`;
      }),
    async fetchPage(cursor): Promise<PageResult<RssCursor>> {
      const res = await get(cursor);
      const previous: RssCursor = cursor ?? { seenIds: [], newestPublishedAt: 0 };
      if (res.status === 304) return { mentions: [], cursor: previous, caughtUp: true, skippedInvalid: 0 };
      const parsed = parseFeed(res.text, sourceId, ctx.now());
      const seen = new Set(previous.seenIds);
      const fresh = parsed.mentions
        .filter((m) => !seen.has(m.native_id))
        .sort((a, b) => b.published_at - a.published_at)
        .slice(0, options.maxItems);
      const next: RssCursor = {
        seenIds: recentIds(
          fresh.map((m) => m.native_id),
          previous.seenIds,
          RSS_SEEN_IDS_MAX,
        ),
        newestPublishedAt: Math.max(previous.newestPublishedAt, ...fresh.map((m) => m.published_at)),
      };
      const etag = res.headers.etag ?? previous.etag;
      const lastModified = res.headers['last-modified'] ?? previous.lastModified;
      if (etag) next.etag = etag;
      if (lastModified) next.lastModified = lastModified;
      return { mentions: fresh, cursor: next, caughtUp: true, skippedInvalid: parsed.skippedInvalid };
    },
  };
}

/** The `rss` source type. */
export const rssConnector: ConnectorDefinition<RssOptions, RssCursor> = {
  type: 'rss',
  optionsSchema: RssOptionsSchema,
  credentials: [],
  create: createRss,
  parse: (body, sourceId) => parseFeed(body, sourceId ?? 'rss'),
};
