/** A mention whose every text field tries to run or break something in a page (for the browser tests). */
import type { Mention } from '../../core/mention.js';

/** Marks the hostile text so tests can find it. */
export const HOSTILE_MARK = 'HOSTILE-MENTION';
/** 10 KB (UTF-8) of emoji. */
export const EMOJI_10KB = '😡🔥👩🏽‍💻🏳️‍🌈'.repeat(Math.ceil(10_240 / 40));

/** The hostile text: a script tag, an image with onerror, an RTL override, markup in quotes, 10 KB of emoji. */
export const HOSTILE_TEXT =
  `${HOSTILE_MARK} terrible refund <script>window.__pwned = 1; alert(1)</script> ` +
  `<img src=x onerror="window.__pwned = 2; alert(2)"> "><svg onload=alert(3)> ` +
  `rtl \u202Efdp.exe\u202C end ${EMOJI_10KB}`;

/** A short hostile complaint the scorer keeps negative (the emoji above dilute the long one to neutral). */
export const HOSTILE_COMPLAINT = `${HOSTILE_MARK} awful, worst refund ever <script>window.__pwned = 3</script><img src=x onerror="window.__pwned = 4">`;

/**
 * The hostile mentions of `brand`, published `ago` ms before `now`, highly engaged so they top the lists:
 * `hostile-1` with `HOSTILE_TEXT`, `hostile-2` with `HOSTILE_COMPLAINT`.
 */
export function hostileMentions(brand: string, now: number, ago = 2 * 3_600_000): Mention[] {
  return [
    hostileMention(brand, now, ago),
    {
      ...hostileMention(brand, now, ago),
      native_id: 'hostile-2',
      story_id: 'hostile-2',
      text: HOSTILE_COMPLAINT,
    },
  ];
}

function hostileMention(brand: string, now: number, ago: number): Mention {
  return {
    source: 'rss',
    source_id: 'hostile',
    native_id: 'hostile-1',
    brand,
    kind: 'post',
    url: 'javascript:alert(4)',
    author: '<img src=x onerror=alert(5)>\u202Eevil',
    title: '<script>alert(6)</script> awful',
    text: HOSTILE_TEXT,
    lang: 'en',
    published_at: now - ago,
    fetched_at: now,
    engagement: { likes: 100_000, shares: 5_000, replies: 5_000, score: 0 },
    sentiment: -0.9,
    label: 'negative',
    confidence: 0.9,
    aspects: [{ aspect: 'refunds', sentiment: -0.9 }],
    scorer_version: 'test',
    story_id: 'hostile-1',
  };
}
