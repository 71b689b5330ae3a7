/**
 * Ingest of the brand's own replies (brands[].accounts): a post by one of the brand's accounts is stored
 * for that brand even without the brand's words and marked from_brand; thread ids pass through; other
 * brands' matching is unchanged. Uses the worker's real account matcher.
 */
import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../matching/index.js';
import { toMentions, type BatchDeps } from '../../../activities/ingest-page.js';
import type { ResolvedSource } from '../../../activities/ports.js';
import type { FetchedMention } from '../../../core/mention.js';
import { ownsAuthor } from '../../../worker/brand-queries.js';

const deps: BatchDeps = {
  now: () => 1_700_000_000_000,
  analyzer: {
    version: 'test',
    analyze: () => ({ sentiment: 0, label: 'neutral' as const, confidence: 1, aspects: [], lang: 'en' }),
  },
  stories: { assign: (text: string) => text },
  store: { upsertMentions: async () => ({ inserted: 0, updated: 0, unchanged: 0, invalid: 0 }) },
};

const post = (
  id: string,
  author: string,
  text: string,
  extra: Partial<FetchedMention> = {},
): FetchedMention => ({
  source: 'x',
  native_id: id,
  kind: 'post',
  url: `https://x.com/i/web/status/${id}`,
  author,
  text,
  published_at: 1_700_000_000_000,
  engagement: { likes: 0, shares: 0, replies: 0, score: 0 },
  ...extra,
});

const source: ResolvedSource = {
  config: { id: 'x-main', type: 'x' },
  connector: {
    check: async () => ({ ok: true }),
    fetchPage: async () => ({ mentions: [], cursor: null, caughtUp: true, skippedInvalid: 0 }),
  },
  brands: [
    { key: 'acme', matches: compileMatcher('acme'), ownsAuthor: ownsAuthor(['@Acme_Support']) },
    { key: 'globex', matches: compileMatcher('globex'), ownsAuthor: ownsAuthor([]) },
  ],
};

describe('brand replies at ingest', () => {
  it("stores a brand account's reply for its brand, marked from_brand, with its thread ids", () => {
    const { mentions, unmatched } = toMentions(deps, source, [
      post('1', 'customer', 'acme lost my bag'),
      post('2', 'acme_support', 'So sorry! DM us your booking number.', {
        kind: 'comment',
        in_reply_to: '1',
        thread_id: '1',
      }),
      post('3', 'someone', 'nothing here'),
      post('4', 'ACME_SUPPORT', 'globex is not us'),
    ]);
    expect(unmatched).toBe(1);
    expect(mentions.map((m) => [m.native_id, m.brand, m.from_brand, m.in_reply_to, m.thread_id])).toEqual([
      ['1', 'acme', false, undefined, undefined],
      ['2', 'acme', true, '1', '1'],
      ['4', 'acme', true, undefined, undefined],
      ['4', 'globex', false, undefined, undefined],
    ]);
  });

  it('matches handles case-insensitively with or without @, and not without accounts', () => {
    expect(ownsAuthor(['acme@mastodon.social'])!('@ACME@mastodon.social')).toBe(true);
    expect(ownsAuthor(['acme'])!('acme2')).toBe(false);
    expect(ownsAuthor([])).toBeUndefined();
  });
});
