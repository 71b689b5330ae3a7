/**
 * The `FetchedMention` invariants every connector's output must satisfy (DESIGN.md §4), as assertions the
 * conformance suite and source-specific tests share.
 */
import { expect } from 'vitest';
import type { FetchedMention } from '../../../core/mention.js';

const HTML_TAG =
  /<\/?(p|a|b|i|em|strong|br|div|span|ol|ul|li|font|img|blockquote|pre|code|h[1-6])(\s[^<>]*)?\/?>/i;
const ENTITY =
  /&(#\d{1,6}|#x[0-9a-f]{1,6}|amp|lt|gt|quot|apos|nbsp|rsquo|lsquo|rdquo|ldquo|mdash|ndash|hellip);/i;

/** Problems with one mention (empty when it satisfies the FetchedMention invariants). */
export function mentionProblems(m: FetchedMention, quotesMarkup = false): string[] {
  const problems: string[] = [];
  const bad = (what: string) => problems.push(`${m.source}/${m.native_id}: ${what}`);
  if (!m.source?.trim()) bad('empty source');
  if (!m.native_id?.trim()) bad('empty native_id');
  if (!['post', 'comment', 'review', 'article', 'survey', 'ticket'].includes(m.kind))
    bad(`kind ${String(m.kind)}`);
  if (!/^https?:\/\/[^\s/]+/.test(m.url ?? '') || !URL.canParse(m.url)) bad(`url ${m.url}`);
  if (typeof m.author !== 'string') bad('author not a string');
  if (!m.text?.trim()) bad('empty text');
  const tag = quotesMarkup ? undefined : HTML_TAG.exec(m.text ?? '')?.[0];
  if (tag) bad(`HTML tag ${tag} left in text`);
  const entity = ENTITY.exec(m.text ?? '')?.[0] ?? ENTITY.exec(m.title ?? '')?.[0];
  if (entity) bad(`undecoded entity ${entity}`);
  if (!Number.isInteger(m.published_at)) bad(`published_at ${m.published_at} is not integer ms`);
  else if (m.published_at < Date.UTC(2000, 0, 1) || m.published_at > Date.UTC(2100, 0, 1))
    bad(`published_at ${m.published_at} is not UTC ms`);
  for (const key of ['likes', 'shares', 'replies', 'score'] as const) {
    if (!Number.isFinite(m.engagement?.[key])) bad(`engagement.${key} missing`);
  }
  if (m.rating && !(m.rating.value >= 0 && m.rating.value <= m.rating.scale)) bad('rating out of scale');
  return problems;
}

/** Asserts the FetchedMention invariants. */
export function assertValidMention(m: FetchedMention): void {
  expect(mentionProblems(m)).toEqual([]);
}

/** Asserts every mention is valid and ids are unique within the list. */
export function assertValidPage(
  mentions: FetchedMention[],
  where: string,
  quotesMarkup: readonly string[] = [],
): void {
  expect(
    mentions.flatMap((m) => mentionProblems(m, quotesMarkup.includes(m.native_id))),
    where,
  ).toEqual([]);
  const ids = mentions.map((m) => m.native_id);
  expect(new Set(ids).size, `${where}: duplicate native_id on a page`).toBe(ids.length);
}
