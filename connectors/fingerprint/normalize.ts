/**
 * Text normalization for near-duplicate detection: remove what syndication and reposting add (publisher
 * suffixes, "Read more", tracking links, `RT @x:`), then fold case and accents and keep the words.
 */
import { fold, splitWords } from '../query/text.js';

const RETWEET = /^\s*(?:RT|MT)\s*(?:@[\w.-]+)?\s*:?\s*/i;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const MENTION = /(^|[^\w])@[\w.-]+/g;
const HTML_TAG = /<[^>]{1,200}>/g;
const HTML_ENTITY = /&(?:#x?[0-9a-f]+|[a-z]+);/gi;
// Calls to action that syndication appends; removed wherever they stand at the end of a line.
const TRAILER =
  /[\s.…:|–—-]*\b(?:read more|read the full (?:story|article)|continue reading|full story|click here|learn more|more here|via|source|h\/t)\b[\s.…:]*(?:\S+)?\s*$/i;
// " - Reuters", " | AP News", " — The Verge": a short segment after a dash or bar at the end of a title.
const PUBLISHER_SUFFIX = /\s+[-|–—]\s+[^-|–—\n]{1,40}$/;
const MAX_SUFFIX_WORDS = 4;

/** The words of `text` that identify its story, in order. */
export function normalizedWords(text: string): string[] {
  const lines = text.replace(HTML_TAG, ' ').replace(HTML_ENTITY, ' ').split(/\r?\n/).map(cleanLine);
  return splitWords(fold(lines.join(' ')));
}

function cleanLine(line: string): string {
  let s = line.replace(RETWEET, '').replace(URL, ' ').replace(MENTION, '$1').trim();
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = s.replace(TRAILER, '').trim();
    const suffix = PUBLISHER_SUFFIX.exec(s);
    if (suffix && suffix[0].trim().split(/\s+/).length <= MAX_SUFFIX_WORDS + 1) s = s.slice(0, suffix.index);
    if (s === before) break;
  }
  return s;
}
