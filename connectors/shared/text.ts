/**
 * Text helpers shared by connectors: turn source HTML into the plain text `FetchedMention.text` promises.
 */
import { decodeHTML } from 'entities';

const BLOCK_TAGS = /<\/?(p|div|br|li|ol|ul|h[1-6]|blockquote|pre|tr|table|section|article)\b[^>]*>/gi;

/**
 * Strips tags (dropping `<script>`/`<style>` contents), decodes HTML entities once and collapses
 * whitespace. Block-level tags become line breaks so paragraphs do not run together.
 */
export function htmlToText(html: string): string {
  const withoutCode = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
  const stripped = withoutCode.replace(BLOCK_TAGS, '\n').replace(/<\/?[a-zA-Z][^<>]*>/g, '');
  return normalizeWhitespace(decodeHTML(stripped));
}

/** Decodes HTML entities in text that carries no markup (titles, author names). */
export function decodeEntities(text: string): string {
  return decodeHTML(text);
}

/** Collapses runs of spaces/tabs, trims lines and drops empty lines beyond one. */
export function normalizeWhitespace(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\r]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Joins a title and a body into one text, skipping empty parts and a body that repeats the title. */
export function joinTitleAndBody(title: string | undefined, body: string | undefined): string {
  const t = title?.trim() ?? '';
  const b = body?.trim() ?? '';
  if (!t) return b;
  if (!b || b === t || b.startsWith(t)) return b || t;
  return `${t}\n\n${b}`;
}

/** Parses a date string or epoch seconds/ms to UTC epoch ms; undefined when unparseable. */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return Math.round(value < 1e11 ? value * 1000 : value);
  }
  if (typeof value === 'string' && value.trim()) {
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return toEpochMs(Number(trimmed));
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}
