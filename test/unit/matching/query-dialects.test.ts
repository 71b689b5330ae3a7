import { describe, expect, it } from 'vitest';
import { SOURCE_DIALECTS, compileMatcher, toSourceQueries, toSourceQuery } from '../../../matching/index.js';

const BRAND = '("acme air" OR @acmeair OR #acmeair) AND NOT anvil';

describe('toSourceQueries per dialect', () => {
  it('reddit: full boolean expression, hashtags and mentions as words', () => {
    expect(toSourceQuery(BRAND, 'reddit')).toBe('("acme air" OR acmeair) AND NOT anvil');
    expect(toSourceQuery('a OR (b AND NOT c)', 'reddit')).toBe('a OR (b AND NOT c)');
  });

  it('hackernews: no OR, so a union of conjunctions with -exclusions', () => {
    expect(toSourceQueries(BRAND, 'hackernews')).toEqual(['"acme air" -anvil', 'acmeair -anvil']);
    expect(toSourceQuery(BRAND, 'hackernews')).toBeNull();
    expect(toSourceQuery('acme AND delay AND NOT anvil', 'hackernews')).toBe('acme delay -anvil');
    // Excluding a phrase is not documented for Algolia: dropped (broader).
    expect(toSourceQuery('acme AND NOT "road runner"', 'hackernews')).toBe('acme');
  });

  it('bluesky: implicit AND, #tags, mentions: with a full handle, no OR or exclusions', () => {
    expect(toSourceQueries(BRAND, 'bluesky')).toEqual(['"acme air"', 'acmeair', '#acmeair']);
    expect(toSourceQuery('@acme.bsky.social AND delay', 'bluesky')).toBe('mentions:acme.bsky.social delay');
  });

  it('mastodon: single-atom v2 searches; mastodon-tags: hashtag names only when they cover the query', () => {
    expect(toSourceQueries(BRAND, 'mastodon')).toEqual(['"acme air"', 'acmeair', '#acmeair']);
    expect(toSourceQueries('(#acmeair OR #acme) AND delay', 'mastodon-tags')).toEqual(['acmeair', 'acme']);
    expect(toSourceQueries(BRAND, 'mastodon-tags')).toBeNull();
  });

  it('github: conjunctions with NOT, within five operators, single atoms OR-ed', () => {
    expect(toSourceQueries(BRAND, 'github')).toEqual(['"acme air" NOT anvil', 'acmeair NOT anvil']);
    expect(toSourceQueries('a OR b OR c OR d OR e OR f OR g', 'github')).toEqual([
      'a OR b OR c OR d OR e OR f',
      'g',
    ]);
    expect(toSourceQuery('a b c d NOT e NOT f', 'github')).toBe('a b c d NOT e');
    const fitted = toSourceQuery('a b c d e f g h', 'github') as string;
    expect(fitted.split(' ').length - 1).toBeLessThanOrEqual(5);
  });

  it('youtube: plain search terms, one atom per query', () => {
    expect(toSourceQueries(BRAND, 'youtube')).toEqual(['acme air', 'acmeair']);
  });

  it('rss: never filters remotely', () => {
    expect(toSourceQueries(BRAND, 'rss')).toBeNull();
  });

  it('broadens NEAR to AND and drops wildcards everywhere', () => {
    expect(toSourceQuery('acme NEAR/3 delay*', 'reddit')).toBe('acme');
    expect(toSourceQuery('acme NEAR/3 delay', 'hackernews')).toBe('acme delay');
    expect(toSourceQuery('delay*', 'reddit')).toBeNull();
  });

  it('never sends a query made only of exclusions', () => {
    for (const dialect of SOURCE_DIALECTS) {
      expect(toSourceQueries('NOT anvil', dialect)).toBeNull();
      expect(toSourceQueries('NOT a AND (b OR NOT c)', dialect)).toBeNull();
    }
  });

  it('turns a large DNF into single-atom queries', () => {
    const q = '(a OR b OR c) AND (d OR e OR f) AND (g OR h)';
    expect(toSourceQueries(q, 'hackernews')).toEqual(['g', 'h']);
  });

  it('keeps exclusions only where they narrow safely', () => {
    // A hashtag exclusion cannot be sent as a word: that would also exclude the plain word.
    expect(toSourceQuery('acme AND NOT #ad', 'reddit')).toBe('acme');
    expect(toSourceQuery('acme AND NOT (a AND b)', 'reddit')).toBe('acme');
    expect(toSourceQuery('acme AND NOT (a OR b)', 'reddit')).toBe('acme AND NOT a AND NOT b');
  });
});

describe('remote queries are never narrower than the local query', () => {
  // A tiny model of each source: a query string matches when it matches under our own semantics with
  // plain words (hashtags, mentions and `mentions:` folded to words; `-x` and `NOT x` as exclusions).
  const asLocal = (remote: string, dialect: string): string => {
    const spaced = remote.replace(/mentions:(\S+)/g, (_, h: string) => h.split('.')[0] as string);
    if (dialect === 'hackernews') return spaced.replace(/(^|\s)-/g, '$1NOT ');
    if (dialect === 'youtube') return spaced.includes(' ') ? `"${spaced}"` : spaced;
    return spaced.replace(/#/g, '');
  };
  const texts = [
    'Acme Air lost my bag',
    'flying #AcmeAir today',
    'ask @acmeair.bsky.social',
    'acme air anvil sale',
    'acme was delayed again',
    'globex is fine',
    'acme and anvil and delay',
  ];
  const queries = [
    BRAND,
    'acme NEAR/2 delay*',
    '(acme OR globex) AND NOT (anvil OR fine)',
    'acme AND NOT #sale',
  ];

  for (const dialect of ['reddit', 'hackernews', 'bluesky', 'mastodon', 'github', 'youtube'] as const) {
    it(dialect, () => {
      for (const query of queries) {
        const remote = toSourceQueries(query, dialect);
        if (remote === null) continue;
        const local = compileMatcher(query);
        const remoteMatchers = remote.map((r) => compileMatcher(asLocal(r, dialect).replace(/#(\w)/g, '$1')));
        for (const text of texts) {
          if (local(text))
            expect(
              remoteMatchers.some((match) => match(text)),
              `${dialect}: ${query} / ${text}`,
            ).toBe(true);
        }
      }
    });
  }
});
