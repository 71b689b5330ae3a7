/**
 * The parsed form of a brand query (see docs/query-language.md). Words are stored normalized: lower-case,
 * Latin diacritics removed (`Café` → `cafe`), so matching compares plain strings.
 */

/** A word, matched on word boundaries. With `prefix`, any word starting with `word` (`acme*`). */
export interface TermNode {
  type: 'term';
  word: string;
  prefix: boolean;
  /** 0-based offset of the term in the query text. */
  offset: number;
}

/** Consecutive words (`"acme air"`, or a term with inner punctuation such as `t-mobile`). */
export interface PhraseNode {
  type: 'phrase';
  words: string[];
  offset: number;
}

/** `#tag`: matches the hashtag only, never the bare word. With `prefix`, `#acme*`. */
export interface HashtagNode {
  type: 'hashtag';
  tag: string;
  prefix: boolean;
  offset: number;
}

/**
 * `@handle`: matches a mention of that account only. `@acmeair` also matches `@acmeair.bsky.social`
 * and `@acmeair@mastodon.social`; a handle with a domain must match it exactly.
 */
export interface MentionNode {
  type: 'mention';
  handle: string;
  offset: number;
}

/** Every child matches. */
export interface AndNode {
  type: 'and';
  children: Query[];
}

/** At least one child matches. */
export interface OrNode {
  type: 'or';
  children: Query[];
}

/** The child does not match. */
export interface NotNode {
  type: 'not';
  child: Query;
}

/**
 * `left NEAR/n right`: both occur, in either order, with at most `distance` words between them.
 * Operands are positional: terms, phrases, hashtags, mentions, OR-groups of those, or other NEARs.
 */
export interface NearNode {
  type: 'near';
  distance: number;
  left: Query;
  right: Query;
  offset: number;
}

/** A word-level query node; the leaves of the tree. */
export type AtomNode = TermNode | PhraseNode | HashtagNode | MentionNode;

/** A parsed brand query: the value `parseQuery` returns and `compileMatcher` consumes. */
export type Query = AtomNode | AndNode | OrNode | NotNode | NearNode;
