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
const TAIL = 120;
// "(Reuters)", "(via @x)", "(cross-posted from r/sysadmin)": a short parenthetical closing a line.
const PAREN_SUFFIX = /\s*\([^()]{1,40}\)\s*$/;
// Flash labels newsrooms and reposters put in front of a headline.
const NEWS_PREFIX =
  /^\s*(?:breaking(?: news)?|update[d]?|exclusive|just in|watch|developing|new)\s*[:|–—-]\s*/i;
// Wire-style units, so "15%" / "15 percent" and "$8bn" / "$8 billion" give the same words.
const UNITS: Array<[RegExp, string]> = [
  [/(\d)\s*%/g, '$1 percent'],
  [/(\d)\s*(?:bn|bln)\b/gi, '$1 billion'],
  [/(\d)\s*(?:mln|mn)\b/gi, '$1 million'],
];
/**
 * English function words carry no story identity and are what copy editors add or drop ("announced on
 * Thursday" / "announced Thursday"); they are left out of the features.
 */
const STOPWORDS = new Set(
  (
    'a an the and or but of to in on at by for from with as into over after about than that this these those ' +
    "it its it's is are was were be been being has have had do does did will would can could should may might " +
    'he she they we you i me my our your their his her them us s t said says say also just'
  ).split(' '),
);

/** The words of `text` that identify its story, in order. */
export function normalizedWords(text: string): string[] {
  const lines = text.replace(HTML_TAG, ' ').replace(HTML_ENTITY, ' ').split(/\r?\n/).map(cleanLine);
  const words = splitWords(fold(lines.join(' ')));
  const content = words.filter((w) => !STOPWORDS.has(w));
  // A text made only of function words keeps them, rather than becoming empty.
  return content.length > 0 ? content : words;
}

function cleanLine(line: string): string {
  let s = line.replace(RETWEET, '').replace(URL, ' ').replace(MENTION, '$1').replace(NEWS_PREFIX, '').trim();
  for (const [re, to] of UNITS) s = s.replace(re, to);
  // Suffix rules only look at the end of the line: anchored regexes still try every start position.
  const cut = Math.max(0, s.length - TAIL);
  const head = s.slice(0, cut);
  let tail = s.slice(cut);
  for (let i = 0; i < 3; i++) {
    const before = tail;
    tail = tail.replace(TRAILER, '').replace(PAREN_SUFFIX, '').trimEnd();
    const suffix = PUBLISHER_SUFFIX.exec(tail);
    if (suffix && suffix[0].trim().split(/\s+/).length <= MAX_SUFFIX_WORDS + 1)
      tail = tail.slice(0, suffix.index);
    if (tail === before) break;
  }
  s = head + tail;
  return s;
}

/**
 * Key of a short text for exact matching: folded, whitespace collapsed, links removed unless the text is
 * nothing but links (then two different links stay two stories).
 */
export function exactKey(text: string): string {
  const collapse = (s: string): string => fold(s).replace(/\s+/g, ' ').trim();
  return collapse(text.replace(URL, ' ')) || collapse(text);
}
