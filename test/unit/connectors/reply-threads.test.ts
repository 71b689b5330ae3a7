/**
 * Reply-thread ids the social connectors record for response times (docs/schema.md#response-times), read
 * from their real recorded responses: each value is checked against the raw record it came from.
 */
import { describe, expect, it } from 'vitest';
import { parseBlueskyBody } from '../../../connectors/bluesky/parse.js';
import { parseMastodonBody } from '../../../connectors/mastodon/parse.js';
import { parseReddit } from '../../../connectors/reddit/parse.js';
import { loadFixture } from '../../support/replay-server.js';

describe('reply threads', () => {
  it('bluesky: a reply names its parent and root post URIs; a top-level post is its own thread', () => {
    const body = loadFixture('bluesky', 'search_posts_redistricting').body;
    const raw = (
      JSON.parse(body) as {
        posts: Array<{ uri: string; record: { reply?: { parent: { uri: string }; root: { uri: string } } } }>;
      }
    ).posts;
    const { mentions } = parseBlueskyBody(body);
    expect(raw.filter((p) => p.record.reply).length).toBeGreaterThan(0);
    for (const post of raw) {
      const m = mentions.find((x) => x.native_id === post.uri)!;
      expect(m.in_reply_to).toBe(post.record.reply?.parent.uri);
      expect(m.thread_id).toBe(post.record.reply?.root.uri ?? post.uri);
    }
  });

  it('mastodon: replies name the instance-local id, which each status keeps as its reply_key', () => {
    const body = loadFixture('mastodon', 'search_v2_mastodon_social_halcy').body;
    const raw = (
      JSON.parse(body) as { statuses: Array<{ id: string; uri: string; in_reply_to_id: string | null }> }
    ).statuses;
    const { mentions } = parseMastodonBody(body);
    for (const status of raw) {
      const m = mentions.find((x) => x.native_id === status.uri)!;
      expect(m.reply_key).toBe(status.id);
      expect(m.in_reply_to).toBe(status.in_reply_to_id ?? undefined);
    }
    expect(mentions.every((m) => m.in_reply_to)).toBe(true);
  });

  it('reddit: a submission is its own thread; a comment names its parent and submission', () => {
    const { mentions } = parseReddit(loadFixture('reddit', 'r_askreddit_new_limit100').body);
    expect(mentions.every((m) => m.thread_id === m.native_id && m.in_reply_to === undefined)).toBe(true);
    const listing = JSON.stringify({
      kind: 'Listing',
      data: {
        after: null,
        children: [
          {
            kind: 't1',
            data: {
              name: 't1_c1',
              body: 'Acme support answered me',
              author: 'acme_help',
              created_utc: 1700000000,
              permalink: '/r/acme/comments/p1/x/c1/',
              parent_id: 't3_p1',
              link_id: 't3_p1',
            },
          },
        ],
      },
    });
    expect(parseReddit(listing).mentions[0]).toMatchObject({
      in_reply_to: 't3_p1',
      thread_id: 't3_p1',
      kind: 'comment',
    });
  });
});
