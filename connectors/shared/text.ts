/**
 * Text helpers shared by connectors: turn source HTML into the plain text `FetchedMention.text` promises.
 */
import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';

/** Tags whose start and end each become a line break, so paragraphs and list items do not run together. */
const BLOCK_TAGS = new Set(
  'p div br li ol ul h1 h2 h3 h4 h5 h6 blockquote pre tr table section article'.split(' '),
);
/** Tags whose content is code, not text. */
const DROPPED_TAGS = new Set(['script', 'style']);

/**
 * Strips tags (dropping `<script>`/`<style>` contents and comments, keeping CDATA text), decodes HTML
 * entities once and collapses whitespace. Block-level tags become line breaks so paragraphs do not run
 * together. A real tokenizer (htmlparser2) rather than regular expressions, so a `>` inside an attribute
 * value or an unclosed tag cannot leak markup into the text.
 */
export function htmlToText(html: string): string {
  let text = '';
  let dropping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (DROPPED_TAGS.has(name)) dropping += 1;
        else if (BLOCK_TAGS.has(name)) text += '\n';
      },
      onclosetag(name, isImplied) {
        if (DROPPED_TAGS.has(name)) {
          dropping = Math.max(0, dropping - 1);
          text += ' ';
        }
        // Only a written end tag breaks the line: HTML's implied ends (`<p>a<p>b`, void `<br>`) already
        // broke it at the start tag. `</br>` is reported as a start and an end of `br`; one break is enough.
        else if (!isImplied && name !== 'br' && BLOCK_TAGS.has(name)) text += '\n';
      },
      ontext(data) {
        if (dropping === 0) text += data;
      },
      oncomment() {
        text += ' ';
      },
    },
    { decodeEntities: true, recognizeCDATA: true },
  );
  parser.end(html);
  return normalizeWhitespace(text);
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
