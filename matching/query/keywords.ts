import type { z } from 'zod';
import type { KeywordsSchema } from '../../core/config/index.js';

/** The simple keyword form of a brand in config (`brands[].keywords`). */
export type Keywords = Pick<z.input<typeof KeywordsSchema>, 'include' | 'exclude' | 'phrases'>;

const SIMPLE_WORD = /^[#@]?[\p{L}\p{N}\p{M}_]+$/u;
const KEYWORD = /^(?:AND|OR|NOT|NEAR(?:\/.*)?)$/;

/**
 * Turns a brand's simple keywords into query text: includes and phrases OR-ed, then `AND NOT` each exclude.
 * Multi-word includes and every phrase are quoted; `#tag` and `@handle` includes keep their meaning.
 *
 * @example keywordsToQuery({ include: ['acme', 'acme air'], exclude: ['anvil'] })
 *   // '(acme OR "acme air") AND NOT anvil'
 * @returns '' when there is nothing to include; `parseQuery('')` then reports an empty query.
 */
export function keywordsToQuery({ include = [], exclude = [], phrases = [] }: Keywords): string {
  const positives = [...include.map(quoteIfNeeded), ...phrases.map(quote)];
  if (positives.length === 0) return '';
  const any = positives.length === 1 ? (positives[0] as string) : `(${positives.join(' OR ')})`;
  return [any, ...exclude.map((e) => `NOT ${quoteIfNeeded(e)}`)].join(' AND ');
}

function quoteIfNeeded(word: string): string {
  const trimmed = word.trim();
  return SIMPLE_WORD.test(trimmed) && !KEYWORD.test(trimmed) ? trimmed : quote(trimmed);
}

function quote(phrase: string): string {
  // A phrase cannot hold a double quote; quotes are punctuation and never matched anyway.
  return `"${phrase.replace(/"/g, ' ').replace(/\s+/g, ' ').trim()}"`;
}
