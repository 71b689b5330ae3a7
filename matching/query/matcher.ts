import type { AtomNode, Query } from './ast.js';
import { parseQuery } from './parser.js';
import { HASHTAG, MENTION, PreparedText, handleWord } from './text.js';

/** A compiled query: true when the text matches. Accepts raw text or a `PreparedText` shared across brands. */
export type Matcher = (text: string | PreparedText) => boolean;

type Test = (t: PreparedText) => boolean;
/** Matched word ranges as a flat list `[start0, end0, start1, end1, …]` (end exclusive). */
type Spans = (t: PreparedText) => number[];

/**
 * Compiles a query (tree or text) into a fast local matcher. Compile once per brand, then call the matcher
 * on every fetched mention; pass a `PreparedText` (see `prepareText`) to tokenize a mention once for all
 * brands.
 *
 * @example const isAcme = compileMatcher('("acme air" OR #acmeair) AND NOT anvil'); isAcme('Flew Acme Air') // true
 * @throws QuerySyntaxError when given text that does not parse.
 */
export function compileMatcher(query: Query | string): Matcher {
  const test = compile(typeof query === 'string' ? parseQuery(query) : query);
  return (text) => test(typeof text === 'string' ? new PreparedText(text) : text);
}

/** One-off match of `text` against `query`; prefer `compileMatcher` in loops. */
export function matchesQuery(query: Query | string, text: string | PreparedText): boolean {
  return compileMatcher(query)(text);
}

function compile(q: Query): Test {
  switch (q.type) {
    case 'and': {
      const tests = q.children.map(compile);
      return (t) => tests.every((test) => test(t));
    }
    case 'or': {
      const tests = q.children.map(compile);
      return (t) => tests.some((test) => test(t));
    }
    case 'not': {
      const test = compile(q.child);
      return (t) => !test(t);
    }
    case 'near': {
      const spans = compileSpans(q);
      return (t) => spans(t).length > 0;
    }
    default:
      return compileAtom(q);
  }
}

function compileAtom(q: AtomNode): Test {
  if (q.type === 'phrase') {
    const spans = compileSpans(q);
    return (t) => spans(t).length > 0;
  }
  const { at, key } = compileWord(q);
  if (key === null) return (t) => t.words.some((_, i) => at(t, i));
  return (t) => t.positionsOf(key).some((i) => at(t, i));
}

/**
 * A one-word atom as a test of position `i`, plus the exact word every match must have (`key`), so lookups
 * go through the text's word index; `key` is null for prefixes, which scan.
 */
function compileWord(q: Exclude<AtomNode, { type: 'phrase' }>): {
  at: (t: PreparedText, i: number) => boolean;
  key: string | null;
} {
  switch (q.type) {
    case 'term': {
      const { word } = q;
      if (q.prefix) return { key: null, at: (t, i) => (t.words[i] as string).startsWith(word) };
      return { key: word, at: () => true };
    }
    case 'hashtag': {
      const { tag } = q;
      if (q.prefix)
        return { key: null, at: (t, i) => t.kinds[i] === HASHTAG && (t.words[i] as string).startsWith(tag) };
      return { key: tag, at: (t, i) => t.kinds[i] === HASHTAG };
    }
    case 'mention': {
      const matches = handleMatcher(q.handle);
      return {
        key: handleWord(q.handle),
        at: (t, i) => t.kinds[i] === MENTION && matches(t.handles[i] as string),
      };
    }
  }
}

/** `acmeair` matches the handles `acmeair`, `acmeair.bsky.social` and `acmeair@mastodon.social`. */
function handleMatcher(handle: string): (h: string) => boolean {
  const dotted = `${handle}.`;
  const remote = `${handle}@`;
  return (h) => h === handle || h.startsWith(dotted) || h.startsWith(remote);
}

function compileSpans(q: Query): Spans {
  switch (q.type) {
    case 'or': {
      const parts = q.children.map(compileSpans);
      return (t) => parts.flatMap((spans) => spans(t));
    }
    case 'near': {
      const left = compileSpans(q.left);
      const right = compileSpans(q.right);
      const { distance } = q;
      return (t) => {
        const a = left(t);
        if (a.length === 0) return a;
        return near(a, right(t), distance);
      };
    }
    case 'phrase': {
      const { words } = q;
      const first = words[0] as string;
      return (t) => {
        const out: number[] = [];
        for (const p of t.positionsOf(first)) {
          if (words.every((w, k) => t.words[p + k] === w)) out.push(p, p + words.length);
        }
        return out;
      };
    }
    case 'term':
    case 'hashtag':
    case 'mention': {
      const { at, key } = compileWord(q);
      return (t) => {
        const out: number[] = [];
        if (key === null) t.words.forEach((_, i) => at(t, i) && out.push(i, i + 1));
        else for (const i of t.positionsOf(key)) if (at(t, i)) out.push(i, i + 1);
        return out;
      };
    }
    default:
      // The parser only lets positional nodes under NEAR; see isPositional.
      throw new Error(`unexpected ${q.type} under NEAR`);
  }
}

/** Pairs of non-overlapping spans with at most `distance` words between them, merged into one span. */
function near(a: number[], b: number[], distance: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i += 2) {
    const as = a[i] as number;
    const ae = a[i + 1] as number;
    for (let j = 0; j < b.length; j += 2) {
      const bs = b[j] as number;
      const be = b[j + 1] as number;
      const gap = bs >= ae ? bs - ae : as >= be ? as - be : -1;
      if (gap >= 0 && gap <= distance) out.push(Math.min(as, bs), Math.max(ae, be));
    }
  }
  return out;
}
