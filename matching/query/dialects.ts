import type { AtomNode, Query } from './ast.js';
import { parseQuery } from './parser.js';
import { type LeafWriter, type Lit, type Nnf, cover, dnf, toNnf } from './remote.js';
import { handleWord } from './text.js';

/**
 * Search syntaxes a brand query compiles to. `mastodon` is the v2 search `q`; `mastodon-tags` gives
 * hashtag names (without `#`) for `/api/v1/timelines/tag/:hashtag`. See docs/query-language.md for what
 * each one sends and what it broadens.
 */
export type SourceDialect =
  | 'reddit'
  | 'hackernews'
  | 'bluesky'
  | 'mastodon'
  | 'mastodon-tags'
  | 'github'
  | 'youtube'
  | 'rss'
  | 'x'
  | 'stackexchange';

/** Every dialect, for tests and config validation. */
export const SOURCE_DIALECTS: readonly SourceDialect[] = [
  'reddit',
  'hackernews',
  'bluesky',
  'mastodon',
  'mastodon-tags',
  'github',
  'youtube',
  'rss',
  'x',
  'stackexchange',
];

/** Most remote queries one brand may cost per poll before we fall back to single-atom queries. */
const MAX_CONJUNCTIONS = 8;
/** GitHub rejects more than five AND / OR / NOT operators in one search. */
const GITHUB_MAX_OPERATORS = 5;

interface DialectSpec {
  /** expr: one boolean expression; conj: a union of conjunctions; atom: a union of single atoms. */
  mode: 'expr' | 'conj' | 'atom' | 'none';
  write: LeafWriter;
  /** How an expression (expr mode) writes AND, OR and a negated literal. @default Lucene (`AND`, `OR`, `NOT x`) */
  operators?: ExprOperators;
  /** Formats one conjunction (conj mode) as query text. */
  join?: (lits: Lit[]) => string;
  maxOperators?: number;
  /** Joins single-atom queries with OR into groups of at most this many atoms. */
  orGroups?: number;
}

interface ExprOperators {
  and: string;
  or: string;
  not: (text: string) => string;
}

const LUCENE: ExprOperators = { and: ' AND ', or: ' OR ', not: (text) => `NOT ${text}` };
/** X search: juxtaposition is AND, `OR` in capitals, `-` negates an operator, word, phrase or group. */
const X_OPERATORS: ExprOperators = { and: ' ', or: ' OR ', not: (text) => `-${text}` };

const quoted = (words: string[]): string => `"${words.join(' ')}"`;

/** Plain words and quoted phrases; hashtags and mentions as their word (broader); no prefixes. */
function plain(negation: 'always' | 'words' | 'never'): LeafWriter {
  return (atom, negated) => {
    if (negated && negation === 'never') return null;
    switch (atom.type) {
      case 'term':
        return atom.prefix ? null : atom.word;
      case 'phrase':
        return negated && negation === 'words' ? null : quoted(atom.words);
      // `#acme` → `acme` is broader in a positive position but narrower in an exclusion.
      case 'hashtag':
        return negated || atom.prefix ? null : atom.tag;
      case 'mention':
        return negated ? null : handleWord(atom.handle);
    }
  };
}

const SPECS: Record<SourceDialect, DialectSpec> = {
  reddit: { mode: 'expr', write: plain('always') },
  hackernews: {
    mode: 'conj',
    write: plain('words'),
    join: (lits) => lits.map((l) => (l.neg ? `-${l.text}` : l.text)).join(' '),
  },
  bluesky: {
    mode: 'conj',
    write: (atom, negated) => {
      if (negated) return null;
      if (atom.type === 'hashtag') return atom.prefix ? null : `#${atom.tag}`;
      // `mentions:` needs a full handle; a bare name is searched as a word.
      if (atom.type === 'mention') return atom.handle.includes('.') ? `mentions:${atom.handle}` : atom.handle;
      return plain('never')(atom, negated);
    },
    join: (lits) => lits.map((l) => l.text).join(' '),
  },
  mastodon: {
    mode: 'atom',
    write: (atom, negated) =>
      !negated && atom.type === 'hashtag' && !atom.prefix ? `#${atom.tag}` : plain('never')(atom, negated),
  },
  'mastodon-tags': {
    mode: 'atom',
    write: (atom: AtomNode, negated) =>
      !negated && atom.type === 'hashtag' && !atom.prefix ? atom.tag : null,
  },
  github: {
    mode: 'conj',
    write: plain('always'),
    join: (lits) => lits.map((l) => (l.neg ? `NOT ${l.text}` : l.text)).join(' '),
    maxOperators: GITHUB_MAX_OPERATORS,
    orGroups: GITHUB_MAX_OPERATORS + 1,
  },
  youtube: {
    mode: 'atom',
    write: (atom, negated) => {
      const text = plain('never')(atom, negated);
      // searchTerms is plain text: no quotes.
      return text === null ? null : text.replace(/"/g, '');
    },
  },
  rss: { mode: 'none', write: () => null },
  x: {
    mode: 'expr',
    operators: X_OPERATORS,
    // X has operators for all four atoms (`#tag`, `@user`), negated ones included; no prefix wildcards.
    write: (atom, negated) => {
      switch (atom.type) {
        case 'term':
          return atom.prefix ? null : atom.word;
        case 'phrase':
          return quoted(atom.words);
        case 'hashtag':
          return atom.prefix ? null : `#${atom.tag}`;
        case 'mention':
          // An X handle is 1–15 letters, digits or `_`; another network's handle is searched as its word.
          if (/^[A-Za-z0-9_]{1,15}$/.test(atom.handle)) return `@${atom.handle}`;
          return negated ? null : handleWord(atom.handle);
      }
    },
  },
  // `/search/advanced?q=` is free text matched by an undocumented algorithm: send the positive words and
  // phrases of each conjunction (a superset whether the API ANDs or ORs them); exclusions stay local.
  stackexchange: {
    mode: 'conj',
    write: plain('never'),
    join: (lits) => lits.map((l) => l.text).join(' '),
  },
};

/**
 * Compiles a brand query to the search queries to send to a source. The union of their results is a
 * superset of what the query matches (never a subset): what a source cannot express is broadened (NEAR
 * becomes AND, wildcards and inexpressible exclusions are dropped, hashtags and mentions become words
 * where the source has no operator for them). Always re-apply the query locally with `compileMatcher`.
 *
 * @returns one or more query strings to send (fetch each, merge by id), or `null` when the source cannot
 *   narrow the results for this query (`rss`, a query that is only exclusions, a hashtag timeline for a
 *   query that also accepts plain words): fetch unfiltered, or not at all, and match locally.
 * @throws QuerySyntaxError when given text that does not parse.
 */
export function toSourceQueries(query: Query | string, dialect: SourceDialect): string[] | null {
  const q = typeof query === 'string' ? parseQuery(query) : query;
  const spec = SPECS[dialect];
  if (spec.mode === 'none') return null;
  const n = toNnf(q, spec.write);
  if (n.type === 'true' || n.type === 'false') return null;
  if (spec.mode === 'expr') return [expr(n, true, spec.operators ?? LUCENE)];
  if (spec.mode === 'conj' && spec.join) {
    const conjs = dnf(n, MAX_CONJUNCTIONS);
    if (conjs !== null)
      return unique(
        group(
          conjs.map((c) => fit(c, spec.maxOperators)),
          spec,
        ),
      );
  }
  const atoms = cover(n);
  if (atoms === null || atoms.length === 0) return null;
  return unique(
    group(
      atoms.map((text) => [{ type: 'lit', text, neg: false }]),
      spec,
    ),
  );
}

/**
 * Like `toSourceQueries`, for sources that take one query string: `null` also when the query needs
 * several remote queries (e.g. an OR on Hacker News); use `toSourceQueries` to send a union instead.
 */
export function toSourceQuery(query: Query | string, dialect: SourceDialect): string | null {
  const queries = toSourceQueries(query, dialect);
  return queries !== null && queries.length === 1 ? (queries[0] as string) : null;
}

/** Lucene-style expression; compound children are parenthesized rather than trusting precedence. */
function expr(n: Nnf, top: boolean, ops: ExprOperators): string {
  switch (n.type) {
    case 'lit':
      return n.neg ? ops.not(n.text) : n.text;
    case 'and':
    case 'or': {
      // Positives first, so exclusions read `x AND NOT y`.
      const children = [...n.children].sort((a, b) => rank(a) - rank(b));
      const text = children.map((c) => expr(c, false, ops)).join(n.type === 'and' ? ops.and : ops.or);
      return top ? text : `(${text})`;
    }
    default:
      return '';
  }
}

const rank = (n: Nnf): number => (n.type === 'lit' && n.neg ? 1 : 0);

/** Keeps a conjunction within an operator budget: drops exclusions first, then trailing terms. */
function fit(conj: Lit[], max: number | undefined): Lit[] {
  const out = [...conj.filter((l) => !l.neg), ...conj.filter((l) => l.neg)];
  if (max === undefined) return out;
  const operators = (c: Lit[]): number => c.length - 1 + c.filter((l) => l.neg).length;
  while (operators(out) > max) out.pop();
  return out;
}

function group(conjs: Lit[][], spec: DialectSpec): string[] {
  const join = spec.join ?? ((lits: Lit[]) => lits.map((l) => l.text).join(' '));
  const size = spec.orGroups ?? 1;
  const singles = conjs.filter((c) => c.length === 1 && !c[0]?.neg).map(join);
  const rest = conjs.filter((c) => !(c.length === 1 && !c[0]?.neg)).map(join);
  const grouped: string[] = [];
  for (let i = 0; i < singles.length; i += size) grouped.push(singles.slice(i, i + size).join(' OR '));
  return [...grouped, ...rest];
}

const unique = (xs: string[]): string[] => [...new Set(xs)];
