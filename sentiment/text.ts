/**
 * One-pass tokenizer for social text. Handles URLs and @mentions (dropped), #hashtags (split into words),
 * emoji and emoticons (kept as tokens), elongations (`sooooo` → `soo`), ALL-CAPS, `!` / `?` and
 * clause / sentence boundaries. Never throws: lone surrogates and control characters are skipped.
 */

/** Token kinds. `Clause` (`,` `;` `:`) ends negation scope; `Sentence` (`.` `!` `?` newline) also does. */
export const Kind = { Word: 0, Emoji: 1, Bang: 2, Question: 3, Clause: 4, Sentence: 5 } as const;
/** One of {@link Kind}'s values. */
export type Kind = (typeof Kind)[keyof typeof Kind];
const {
  Word: K_WORD,
  Emoji: K_EMOJI,
  Bang: K_BANG,
  Question: K_QUESTION,
  Clause: K_CLAUSE,
  Sentence: K_SENTENCE,
} = Kind;

/** A token: `text` is lower-cased (emoji as their code point string). */
export interface Token {
  text: string;
  kind: Kind;
  /** Written in capitals (≥ 2 letters) in a text that is not shouting throughout. */
  caps: boolean;
  /** Had a run of ≥ 3 identical letters, collapsed to 2 (`soooo` → `soo`). */
  elongated: boolean;
  /** Came from a #hashtag. */
  hashtag: boolean;
}

/** Tokenizer output: tokens plus text-level counts. */
export interface Tokenized {
  tokens: Token[];
  urls: number;
  mentions: number;
  /** Number of word tokens with at least one letter. */
  words: number;
  /** True when the text has any non-ASCII letter (used by language detection). */
  nonAscii: boolean;
}

/** Longest text looked at; longer input is truncated (a 100 KB post scores its first 20,000 chars). */
export const MAX_CHARS = 20_000;

const EMOTICONS = new Map<string, string>([
  [':)', ':)'],
  [':-)', ':)'],
  [':))', ':)'],
  ['=)', ':)'],
  [':]', ':)'],
  [':d', ':d'],
  [':-d', ':d'],
  [';)', ';)'],
  [';-)', ';)'],
  [':p', ':p'],
  [':-p', ':p'],
  ['<3', '<3'],
  [':(', ':('],
  [':-(', ':('],
  [':((', ':('],
  ['=(', ':('],
  [":'(", ":'("],
  [':/', ':/'],
  [':-/', ':/'],
  [':|', ':|'],
  [':@', ':@'],
  [':o', ':o'],
  ['</3', '</3'],
  ['^_^', '^_^'],
  ['-_-', '-_-'],
]);

function isLetterOrDigit(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

const LETTER = /\p{L}|\p{M}/u;

function isUnicodeLetter(c: number): boolean {
  return c >= 0xc0 && c < 0xd800 && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c < 0x2c00)
    ? LETTER.test(String.fromCharCode(c))
    : false;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 96;
}

function isEmojiCodePoint(cp: number): boolean {
  return (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x2600 && cp <= 0x27bf) || cp === 0x2b50 || cp === 0x2764;
}

/** Collapses runs of 3+ identical characters to 2; returns the input when there is none. */
function collapse(word: string): string {
  let out = '';
  let run = 1;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i];
    run = i > 0 && ch === word[i - 1] ? run + 1 : 1;
    if (run <= 2) out += ch;
  }
  return out;
}

function hasRun3(word: string): boolean {
  for (let i = 2; i < word.length; i++) {
    if (word.charCodeAt(i) === word.charCodeAt(i - 1) && word.charCodeAt(i) === word.charCodeAt(i - 2))
      return true;
  }
  return false;
}

function pushWord(out: Tokenized, raw: string, hashtag: boolean): void {
  // One pass for letters, capitals, non-ASCII, odd apostrophes and runs of 3 (most words need none of the
  // rewrites below).
  let letters = 0;
  let upper = 0;
  let other = false;
  let odd = false;
  let run3 = false;
  let prev = -1;
  let run = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 97 && c <= 122) letters++;
    else if (c >= 65 && c <= 90) {
      letters++;
      upper++;
    } else if (c > 127) {
      letters++;
      other = true;
      if (c === 0x2019) odd = true;
    } else if (c === 96) odd = true;
    const lc = c >= 65 && c <= 90 ? c + 32 : c;
    run = lc === prev ? run + 1 : 1;
    if (run >= 3) run3 = true;
    prev = lc;
  }
  let text = upper > 0 || other ? raw.toLowerCase() : raw;
  if (odd) text = text.replace(/[’`]/g, "'");
  const elongated = run3 && text.length > 2 && hasRun3(text);
  if (elongated) text = collapse(text);
  if (letters > 0) out.words++;
  out.tokens.push({ text, kind: K_WORD, caps: upper >= 2 && upper === letters, elongated, hashtag });
}

/** Splits `#NeverAgain` / `#never_again` into words. */
function pushHashtag(out: Tokenized, body: string): void {
  const parts = body.split(/_|(?<=[a-z])(?=[A-Z])/);
  for (const p of parts) if (p) pushWord(out, p, true);
}

function pushPunct(out: Tokenized, kind: Kind, text: string): void {
  out.tokens.push({ text, kind, caps: false, elongated: false, hashtag: false });
}

/** Tokenizes `input` (truncated to {@link MAX_CHARS}). */
export function tokenize(input: string): Tokenized {
  const s = input.length > MAX_CHARS ? input.slice(0, MAX_CHARS) : input;
  const out: Tokenized = { tokens: [], urls: 0, mentions: 0, words: 0, nonAscii: false };
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      i++;
      continue;
    }
    // URLs
    if (
      (c === 104 || c === 119) &&
      (s.startsWith('http://', i) || s.startsWith('https://', i) || s.startsWith('www.', i))
    ) {
      while (i < n && s.charCodeAt(i) > 32) i++;
      out.urls++;
      continue;
    }
    if (
      c === 64 /* @ */ &&
      i + 1 < n &&
      (isLetterOrDigit(s.charCodeAt(i + 1)) || s.charCodeAt(i + 1) === 95)
    ) {
      i++;
      while (i < n && (isLetterOrDigit(s.charCodeAt(i)) || s.charCodeAt(i) === 95)) i++;
      out.mentions++;
      continue;
    }
    if (
      c === 35 /* # */ &&
      i + 1 < n &&
      (isLetterOrDigit(s.charCodeAt(i + 1)) || isUnicodeLetter(s.charCodeAt(i + 1)))
    ) {
      let j = i + 1;
      while (
        j < n &&
        (isLetterOrDigit(s.charCodeAt(j)) || s.charCodeAt(j) === 95 || isUnicodeLetter(s.charCodeAt(j)))
      )
        j++;
      pushHashtag(out, s.slice(i + 1, j));
      i = j;
      continue;
    }
    // Fast path: a word of plain lower-case ASCII letters and digits (most words) needs no rewriting.
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      let j = i + 1;
      let plain = true;
      let letters = c >= 97 ? 1 : 0;
      let prev = c;
      let run = 1;
      for (; j < n; j++) {
        const d = s.charCodeAt(j);
        if (d >= 97 && d <= 122) letters++;
        else if (!(d >= 48 && d <= 57)) break;
        run = d === prev ? run + 1 : 1;
        if (run >= 3) plain = false;
        prev = d;
      }
      const d = j < n ? s.charCodeAt(j) : 32;
      if (plain && !(d >= 65 && d <= 90) && d <= 127 && !isApostrophe(d)) {
        if (letters > 0) out.words++;
        out.tokens.push({ text: s.slice(i, j), kind: K_WORD, caps: false, elongated: false, hashtag: false });
        i = j;
        continue;
      }
    }
    const uni = c > 127 && isUnicodeLetter(c);
    if (isLetterOrDigit(c) || uni) {
      let j = i + 1;
      for (;;) {
        if (j >= n) break;
        const d = s.charCodeAt(j);
        if (isLetterOrDigit(d)) j++;
        else if (d > 127 && isUnicodeLetter(d)) {
          out.nonAscii = true;
          j++;
        } else if (isApostrophe(d) && j + 1 < n && isLetterOrDigit(s.charCodeAt(j + 1))) j += 2;
        else break;
      }
      if (uni) out.nonAscii = true;
      pushWord(out, s.slice(i, j), false);
      i = j;
      continue;
    }
    // emoticons: try 3- then 2-character forms
    if (c === 58 || c === 59 || c === 61 || c === 60 || c === 94 || c === 45) {
      const e3 = EMOTICONS.get(s.slice(i, i + 3).toLowerCase());
      const e2 = e3 === undefined ? EMOTICONS.get(s.slice(i, i + 2).toLowerCase()) : undefined;
      const e = e3 ?? e2;
      const next = s.charCodeAt(i + (e3 ? 3 : 2));
      if (e !== undefined && !(e2 !== undefined && isLetterOrDigit(next) && e2 !== ':)' && e2 !== ':(')) {
        pushPunct(out, K_EMOJI, e);
        i += e3 ? 3 : 2;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        if (isEmojiCodePoint(cp) && !(cp >= 0x1f3fb && cp <= 0x1f3ff))
          pushPunct(out, K_EMOJI, s.slice(i, i + 2));
        i += 2;
      } else i++;
      continue;
    }
    if (c >= 0x2600 && c <= 0x27bf) {
      pushPunct(out, K_EMOJI, String.fromCharCode(c));
      i++;
      continue;
    }
    if (c === 33) pushPunct(out, K_BANG, '!');
    else if (c === 63) pushPunct(out, K_QUESTION, '?');
    else if (c === 46 || c === 10 || c === 0x2026) pushPunct(out, K_SENTENCE, '.');
    else if (c === 44 || c === 59 || c === 58 || c === 40 || c === 41) pushPunct(out, K_CLAUSE, ',');
    i++;
  }
  return out;
}

/** True when every word with letters is in capitals (≥ 3 words): emphasis by capitals means nothing then. */
export function isShouting(tk: Tokenized): boolean {
  if (tk.words < 3) return false;
  let caps = 0;
  for (const t of tk.tokens) if (t.caps) caps++;
  return caps >= tk.words * 0.8;
}
