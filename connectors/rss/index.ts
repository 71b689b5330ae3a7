/**
 * `rss`: any RSS 2.0 / Atom feed (Google Alerts, Google News search, blogs, press rooms). One document per
 * poll, fetched with a conditional GET; new items are those whose id was not seen before.
 */
import { z } from 'zod';
import type { Connector, ConnectorDefinition, PageResult } from '../../core/connector.js';
import { httpRequest } from '../http.js';
import { safeCheck } from '../../platform/health.js';
import { nothingSeen, rememberSeen, type SeenIds, unseen } from '../shared/seen-ids.js';
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
export interface RssCursor extends SeenIds {
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
      const previous: RssCursor = cursor ?? nothingSeen();
      if (res.status === 304) return { mentions: [], cursor: previous, caughtUp: true, skippedInvalid: 0 };
      const parsed = parseFeed(res.text, sourceId, ctx.now());
      const fresh = unseen(previous, parsed.mentions)
        .sort((a, b) => b.published_at - a.published_at)
        .slice(0, options.maxItems);
      const next: RssCursor = rememberSeen(previous, fresh, RSS_SEEN_IDS_MAX);
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
  parse: parseFeed,
};
