/**
 * `appstore`: customer reviews of one iOS app in one storefront, from Apple's customer-reviews feed (JSON),
 * newest first. Apple serves at most 10 pages of 50 reviews; the first poll walks them all, later polls stop
 * at the first review already delivered.
 */
import { z } from 'zod';
import type { Connector, ConnectorContext, ConnectorDefinition, PageResult } from '../../core/connector.js';
import { PaginationLoopError } from '../../core/errors.js';
import { httpRequest, parseJsonBody } from '../http.js';
import { safeCheck } from '../../platform/health.js';
import { nothingSeen, rememberSeen, type SeenIds, unseen } from '../shared/seen-ids.js';
import { APPSTORE_SERVICE, isPageDepthError, normalizeFeed, parseAppStore, readFeed } from './parse.js';

export const AppStoreOptionsSchema = z.object({
  /** Numeric App Store id (the digits after `id` in the app's URL). */
  appId: z.string().regex(/^\d+$/, 'the numeric id from the App Store URL, e.g. "497799835"'),
  /** Two-letter storefront code. @default "us" */
  country: z
    .string()
    .regex(/^[a-z]{2}$/i)
    .transform((c) => c.toLowerCase())
    .default('us'),
  /** Pages walked per poll (Apple stops at 10). @default 10 */
  maxPages: z.number().int().min(1).max(10).default(10),
  /** API base; tests point it at the replay server. @default "https://itunes.apple.com" */
  baseUrl: z.string().url().default('https://itunes.apple.com'),
  /** @default 20000 */
  timeoutMs: z.number().int().positive().default(20_000),
});
export type AppStoreOptions = z.infer<typeof AppStoreOptionsSchema>;

/** Cursor: review ids delivered (most recent first, bounded), newest time, and a walk in progress. */
export interface AppStoreCursor extends SeenIds {
  walk?: { page: number; firstId: string };
}

/** Reviews remembered in the cursor: more than the 500 Apple ever shows. */
export const APPSTORE_SEEN_IDS_MAX = 1000;

function createAppStore(ctx: ConnectorContext<AppStoreOptions>): Connector<AppStoreCursor> {
  const { options, sourceId } = ctx;
  const fetchText = async (page: number) =>
    (
      await httpRequest<string>({
        sourceId,
        service: APPSTORE_SERVICE,
        url:
          `${options.baseUrl.replace(/\/$/, '')}/${options.country}/rss/customerreviews/page=${page}` +
          `/id=${options.appId}/sortby=mostrecent/json`,
        expect: 'text',
        timeoutMs: options.timeoutMs,
        now: ctx.now,
      })
    ).text;
  const normalizeCtx = () => ({
    sourceId,
    appId: options.appId,
    country: options.country,
    fallbackTime: ctx.now(),
  });

  return {
    check: () =>
      safeCheck(async () => {
        const text = await fetchText(1);
        const { entries } = readFeed(parseJsonBody(APPSTORE_SERVICE, sourceId, text), sourceId);
        return entries.length > 0
          ? `${entries.length} recent reviews in the ${options.country} store`
          : `no reviews in the ${options.country} store (check the app id ${options.appId} and country)`;
      }),

    async fetchPage(cursor): Promise<PageResult<AppStoreCursor>> {
      const previous: AppStoreCursor = cursor ?? nothingSeen();
      const page = previous.walk?.page ?? 1;
      const done = (extra: Partial<PageResult<AppStoreCursor>> = {}): PageResult<AppStoreCursor> => ({
        mentions: [],
        cursor: { seenIds: previous.seenIds, newestPublishedAt: previous.newestPublishedAt },
        caughtUp: true,
        skippedInvalid: 0,
        ...extra,
      });
      if (page > options.maxPages) return done();
      const text = await fetchText(page);
      if (isPageDepthError(text)) return done();
      const { entries } = readFeed(parseJsonBody(APPSTORE_SERVICE, sourceId, text), sourceId);
      const parsed = normalizeFeed(entries, normalizeCtx());
      const firstId = parsed.mentions[0]?.native_id;
      if (previous.walk && firstId && firstId === previous.walk.firstId) {
        throw new PaginationLoopError(
          `${APPSTORE_SERVICE} served the same reviews for page ${page} as for page ${page - 1}; stopping`,
          sourceId,
        );
      }
      const fresh = unseen(previous, parsed.mentions);
      const reachedKnown = fresh.length < parsed.mentions.length;
      const next: AppStoreCursor = rememberSeen(previous, fresh, APPSTORE_SEEN_IDS_MAX);
      const more = entries.length >= 50 && !reachedKnown && page < options.maxPages && firstId !== undefined;
      if (more) next.walk = { page: page + 1, firstId: firstId as string };
      return { mentions: fresh, cursor: next, caughtUp: !more, skippedInvalid: parsed.skippedInvalid };
    },
  };
}

/** The `appstore` source type. */
export const appstoreConnector: ConnectorDefinition<AppStoreOptions, AppStoreCursor> = {
  type: 'appstore',
  optionsSchema: AppStoreOptionsSchema,
  credentials: [],
  create: createAppStore,
  parse: parseAppStore,
};
