import { describe, expect, it } from 'vitest';
import {
  QuerySyntaxError,
  compileMatcher,
  keywordsToQuery,
  matchesQuery,
  parseQuery,
  prepareText,
  type Query,
} from '../../../matching/index.js';

/** Compact rendering of a tree, to assert structure and precedence. */
function show(q: Query): string {
  switch (q.type) {
    case 'term':
      return q.word + (q.prefix ? '*' : '');
    case 'phrase':
      return `"${q.words.join(' ')}"`;
    case 'hashtag':
      return `#${q.tag}`;
    case 'mention':
      return `@${q.handle}`;
    case 'not':
      return `NOT(${show(q.child)})`;
    case 'near':
      return `NEAR${q.distance}(${show(q.left)}, ${show(q.right)})`;
    default:
      return `${q.type.toUpperCase()}(${q.children.map(show).join(', ')})`;
  }
}

function syntaxError(text: string): QuerySyntaxError {
  try {
    parseQuery(text);
  } catch (e) {
    if (e instanceof QuerySyntaxError) return e;
    throw e;
  }
  throw new Error(`expected a syntax error for ${text}`);
}

describe('parseQuery: grammar and precedence', () => {
  it.each([
    ['acme', 'acme'],
    ['Acme AIR', 'AND(acme, air)'],
    ['"Acme Air"', '"acme air"'],
    ['#AcmeAir @AcmeAir acme*', 'AND(#acmeair, @acmeair, acme*)'],
    ['a OR b AND c', 'OR(a, AND(b, c))'],
    ['a b OR c', 'OR(AND(a, b), c)'],
    ['(a OR b) c', 'AND(OR(a, b), c)'],
    ['NOT a b', 'AND(NOT(a), b)'],
    ['a AND NOT b', 'AND(a, NOT(b))'],
    ['NOT NOT a', 'NOT(NOT(a))'],
    ['a NEAR/3 b c', 'AND(NEAR3(a, b), c)'],
    ['a NEAR/3 b OR c', 'OR(NEAR3(a, b), c)'],
    ['a NEAR/2 b NEAR/1 c', 'NEAR1(NEAR2(a, b), c)'],
    ['(a OR "b c") NEAR/5 d', 'NEAR5(OR(a, "b c"), d)'],
    ['t-mobile', '"t mobile"'],
    ['and or not near', 'AND(and, or, not, near)'],
    [
      '("acme air" OR @acmeair OR #acmeair) AND NOT anvil',
      'AND(OR("acme air", @acmeair, #acmeair), NOT(anvil))',
    ],
    ['@acme.bsky.social', '@acme.bsky.social'],
    ['Café', 'cafe'],
  ])('%s → %s', (text, tree) => {
    expect(show(parseQuery(text))).toBe(tree);
  });

  it('records offsets for tooling', () => {
    const q = parseQuery('  acme');
    expect(q).toMatchObject({ type: 'term', offset: 2 });
  });
});

describe('parseQuery: syntax errors point at the column', () => {
  it('formats the message like a compiler', () => {
    const e = syntaxError('("acme air" OR) AND x');
    expect(e).toBeInstanceOf(QuerySyntaxError);
    expect(e.name).toBe('QuerySyntaxError');
    expect(e.column).toBe(13);
    expect(e.reason).toBe('expected a term after OR');
    expect(e.message).toBe('("acme air" OR) AND x\n            ^ expected a term after OR at column 13');
  });

  it.each([
    ['', 1, 'empty query'],
    ['   ', 1, 'empty query'],
    ['acme OR', 6, 'expected a term after OR'],
    ['OR acme', 1, 'expected a term before OR'],
    ['acme AND', 6, 'expected a term after AND'],
    ['acme NOT', 6, 'expected a term after NOT'],
    ['(acme', 1, "'(' is never closed"],
    ['acme)', 5, "unexpected ')'"],
    ['()', 1, 'empty parentheses'],
    ['acme "air', 6, 'unterminated phrase'],
    ['""', 1, 'empty phrase'],
    ['a NEAR b', 3, 'NEAR needs a distance'],
    ['a NEAR/x b', 3, 'NEAR needs a distance'],
    ['a NEAR/3', 3, 'expected a term after NEAR/3'],
    ['NOT a NEAR/3 b', 7, 'NEAR/3 needs words'],
    ['(a b) NEAR/3 c', 7, 'NEAR/3 needs words'],
    ['ac*me', 3, '* is only allowed at the end'],
    ['#', 1, 'not a hashtag'],
    ['#acme-air', 1, 'not a hashtag'],
    ['@', 1, 'not a mention'],
    ['!!!', 1, 'no letters or digits'],
  ])('%j → column %i: %s', (text, column, reason) => {
    const e = syntaxError(text);
    expect(e.column).toBe(column);
    expect(e.reason).toContain(reason);
    expect(e.message.split('\n')[1]).toBe(`${' '.repeat(column - 1)}^ ${e.reason} at column ${column}`);
  });

  it('gives line and column in multi-line queries', () => {
    const e = syntaxError('acme\n  OR (air');
    expect([e.line, e.column]).toEqual([2, 6]);
    expect(e.message).toBe("  OR (air\n     ^ this '(' is never closed at line 2, column 6");
  });
});

describe('matching', () => {
  const m = (query: string, text: string): boolean => matchesQuery(query, text);

  it('matches words on boundaries only', () => {
    expect(m('acme', 'I love Acme!')).toBe(true);
    expect(m('acme', 'acme.')).toBe(true);
    expect(m('acme', "Acme's new plane")).toBe(true);
    expect(m('acme', 'I love acmeair')).toBe(false);
    expect(m('acme', 'megaacme')).toBe(false);
    expect(m('acme', 'acme_air')).toBe(false);
  });

  it('is case-insensitive', () => {
    expect(m('ACME', 'acme')).toBe(true);
    expect(m('"Acme Air"', 'ACME AIR rocks')).toBe(true);
  });

  it('handles Unicode: accents fold, other scripts keep their marks, emoji are boundaries', () => {
    expect(m('café', 'Best CAFÉ in town')).toBe(true);
    expect(m('cafe', 'café')).toBe(true);
    expect(m('nestlé', 'Nestle recall')).toBe(true);
    expect(m('acme', 'acme🔥🔥')).toBe(true);
    expect(m('acme', '🔥acme🔥')).toBe(true);
    expect(m('"acme air"', 'acme ✈️ air')).toBe(true);
    expect(m('münchen', 'MÜNCHEN')).toBe(true);
    expect(m('москва', 'Я люблю Москва!')).toBe(true);
    expect(m('हिंदी', 'मुझे हिंदी पसंद है')).toBe(true);
    expect(m('東京', '私は東京が好き')).toBe(true);
    expect(m('東京', '京東')).toBe(false);
  });

  it('matches hashtags and mentions only as such; plain words match inside both', () => {
    expect(m('#acmeair', 'flying #AcmeAir today')).toBe(true);
    expect(m('#acmeair', 'flying acmeair today')).toBe(false);
    expect(m('#acmeair', 'ask @acmeair')).toBe(false);
    expect(m('@acmeair', 'ask @AcmeAir')).toBe(true);
    expect(m('@acmeair', 'ask @acmeair.bsky.social')).toBe(true);
    expect(m('@acmeair', 'ask @acmeair@mastodon.social')).toBe(true);
    expect(m('@acmeair', 'ask @acmeairlines')).toBe(false);
    expect(m('@acmeair', 'flying #acmeair')).toBe(false);
    expect(m('@acmeair', 'mail support@acmeair.com')).toBe(false);
    expect(m('@acme.bsky.social', 'hi @acme.bsky.social!')).toBe(true);
    expect(m('@acme.bsky.social', 'hi @acme')).toBe(false);
    expect(m('acmeair', '#AcmeAir')).toBe(true);
    expect(m('acmeair', '@acmeair')).toBe(true);
    expect(m('c', 'I write c# daily')).toBe(true);
  });

  it('matches phrases as consecutive words, across punctuation', () => {
    expect(m('"acme air"', 'Acme-Air is late')).toBe(true);
    expect(m('"acme air"', 'acme, air')).toBe(true);
    expect(m('"acme air"', 'air acme')).toBe(false);
    expect(m('"acme air"', 'acme blue air')).toBe(false);
    expect(m('t-mobile', 'switched to T Mobile')).toBe(true);
  });

  it('applies AND, OR, NOT with precedence', () => {
    const q = '("acme air" OR @acmeair OR #acmeair) AND NOT anvil';
    expect(m(q, 'Acme Air lost my bag')).toBe(true);
    expect(m(q, 'acme air anvil sale')).toBe(false);
    expect(m(q, 'acme anvil')).toBe(false);
    expect(m('a OR b c', 'a')).toBe(true);
    expect(m('a OR b c', 'b')).toBe(false);
    expect(m('NOT a', 'b')).toBe(true);
    expect(m('NOT a', 'a')).toBe(false);
  });

  it('supports a trailing * prefix wildcard', () => {
    expect(m('delay*', 'Delayed again')).toBe(true);
    expect(m('delay*', 'delay')).toBe(true);
    expect(m('delay*', 'undelayed')).toBe(false);
    expect(m('#acme*', '#AcmeAirlines')).toBe(true);
    expect(m('#acme*', 'acmeairlines')).toBe(false);
  });

  it('NEAR/n: at most n words between, either order', () => {
    expect(m('acme NEAR/0 delay', 'acme delay')).toBe(true);
    expect(m('acme NEAR/0 delay', 'delay acme')).toBe(true);
    expect(m('acme NEAR/0 delay', 'acme big delay')).toBe(false);
    expect(m('acme NEAR/2 delay', 'acme had a delay')).toBe(true);
    expect(m('acme NEAR/2 delay', 'acme had a long delay')).toBe(false);
    expect(m('acme NEAR/2 delay', 'delay, sadly, at acme')).toBe(true);
    expect(m('"acme air" NEAR/1 delay*', 'Acme Air: delayed')).toBe(true);
    expect(m('"acme air" NEAR/1 delay*', 'Acme Air really badly delayed')).toBe(false);
    expect(m('(acme OR globex) NEAR/1 (late OR lost)', 'globex was late')).toBe(true);
    expect(m('acme NEAR/3 acme', 'acme')).toBe(false);
    expect(m('acme NEAR/3 acme', 'acme and acme')).toBe(true);
    expect(m('a NEAR/1 b NEAR/1 c', 'a b x c')).toBe(true);
    expect(m('a NEAR/1 b NEAR/1 c', 'a b x x c')).toBe(false);
    expect(m('@acmeair NEAR/2 #fail', '@acmeair so #fail')).toBe(true);
  });

  it('reuses one prepared text across several compiled queries', () => {
    const text = prepareText('Delayed 3 hours at JFK, thanks #AcmeAir 🙄');
    const matchers = ['#acmeair', 'delay*', 'globex', 'jfk NEAR/4 acmeair'].map((q) => compileMatcher(q));
    expect(matchers.map((match) => match(text))).toEqual([true, true, false, true]);
  });

  it('matches long texts through the word index', () => {
    const long = `${'filler '.repeat(500)}acme air ${'filler '.repeat(500)} delayed`;
    expect(m('"acme air"', long)).toBe(true);
    expect(m('"acme air" NEAR/5 delayed', long)).toBe(false);
    expect(m('acme AND delayed AND NOT globex', long)).toBe(true);
  });

  it('compiles parsed trees and text alike', () => {
    expect(compileMatcher(parseQuery('acme'))('ACME')).toBe(true);
    expect(() => compileMatcher('acme OR')).toThrow(QuerySyntaxError);
  });
});

describe('keywordsToQuery', () => {
  it('ORs includes and phrases and excludes each exclude', () => {
    const q = keywordsToQuery({
      include: ['acme', 'acme air', '#acmeair'],
      exclude: ['anvil', 'road runner'],
      phrases: ['fly "acme"'],
    });
    expect(q).toBe('(acme OR "acme air" OR #acmeair OR "fly acme") AND NOT anvil AND NOT "road runner"');
    const match = compileMatcher(q);
    expect(match('flying acme today')).toBe(true);
    expect(match('acme anvil')).toBe(false);
    expect(match('acme and the road runner')).toBe(false);
  });

  it('quotes words that would read as operators or syntax', () => {
    expect(keywordsToQuery({ include: ['OR', 'c++', '(x)'] })).toBe('("OR" OR "c++" OR "(x)")');
    expect(show(parseQuery(keywordsToQuery({ include: ['NOT'] })))).toBe('not');
  });

  it('is a single term without parentheses, and empty without includes', () => {
    expect(keywordsToQuery({ include: ['acme'] })).toBe('acme');
    expect(keywordsToQuery({ include: [], exclude: ['x'] })).toBe('');
  });
});
