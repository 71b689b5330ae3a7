/**
 * Earshot's brand query language: parse a brand's query, match it locally against fetched text, and
 * compile it to each source's own search syntax. See docs/query-language.md.
 */
export type {
  AndNode,
  AtomNode,
  HashtagNode,
  MentionNode,
  NearNode,
  NotNode,
  OrNode,
  PhraseNode,
  Query,
  TermNode,
} from './ast.js';
export { QuerySyntaxError } from './errors.js';
export { parseQuery } from './parser.js';
export { type Matcher, compileMatcher, matchesQuery } from './matcher.js';
export { type PreparedText, prepareText } from './text.js';
export { type Keywords, keywordsToQuery } from './keywords.js';
export { type SourceDialect, SOURCE_DIALECTS, toSourceQueries, toSourceQuery } from './dialects.js';
