/**
 * Text normalization and tokenization shared by the query parser and the matcher, so a query word and a
 * post word are cut and folded the same way.
 */

/** Token kinds in a prepared text. */
export const WORD = 0;
export const HASHTAG = 1;
export const MENTION = 2;

const NON_ASCII = /[^ -~\t\n\r]/;
const LATIN_DIACRITICS = /[\u0300-\u036f]/g;

// Character classes. Words are letters, digits, combining marks and `_`, except CJK ideographs and kana:
// those scripts write no spaces, so each such character is a token of its own and a query word in them
// becomes a phrase.
const OTHER = 1;
const LETTER = 2;
const CJK = 3;
// Combining marks continue a word (Devanagari vowel signs) but never start one: the variation selector
// in "✈️" is a mark too.
const MARK = 4;
const MARK_RE = /^\p{M}$/u;
const WORD_RE = /^[\p{L}\p{N}_]$/u;
const CJK_RE = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]$/u;
// Lazily filled class of every BMP code unit (0 = not computed yet): a hand-written scanner with a table
// is several times faster than a Unicode regex over the whole text.
const BMP = new Uint8Array(0x10000);

function classify(ch: string): number {
  if (CJK_RE.test(ch)) return CJK;
  if (MARK_RE.test(ch)) return MARK;
  return WORD_RE.test(ch) ? LETTER : OTHER;
}

/** Width in UTF-16 code units of the code point last read by `classAt` (avoids allocating a pair). */
let width = 1;

/** Class of the code point at `i`; sets `width`. */
function classAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    width = 2;
    return classify(String.fromCodePoint(s.codePointAt(i) as number));
  }
  width = 1;
  let cls = BMP[c] as number;
  if (cls === 0) cls = BMP[c] = classify(String.fromCharCode(c));
  return cls;
}

/** End of the run of word characters (CJK included when `cjk`) starting at `i`; marks only continue it. */
function runEnd(s: string, i: number, cjk: boolean): number {
  let j = i;
  while (j < s.length) {
    const cls = classAt(s, j);
    if (cls !== LETTER && !(cjk && cls === CJK) && !(cls === MARK && j > i)) break;
    j += width;
  }
  return j;
}

/** Calls `emit` for every token of folded text: words, CJK characters, `#tags` and `@handles`. */
function scan(s: string, emit: (word: string, kind: number, handle: string) => void, sigils: boolean): void {
  let i = 0;
  let afterWord = false;
  while (i < s.length) {
    const cls = classAt(s, i);
    if (cls === LETTER) {
      const j = runEnd(s, i, false);
      emit(s.slice(i, j), WORD, '');
      i = j;
      afterWord = true;
      continue;
    }
    if (cls === CJK) {
      const w = width;
      emit(s.slice(i, i + w), WORD, '');
      i += w;
      afterWord = true;
      continue;
    }
    const c = s.charCodeAt(i);
    if (sigils && !afterWord && (c === 35 || c === 64)) {
      // `#tag` / `@handle`, not when glued to a word (`c#`, `support@acme.com`).
      let j = runEnd(s, i + 1, true);
      if (j > i + 1) {
        if (c === 35) {
          emit(s.slice(i + 1, j), HASHTAG, '');
        } else {
          // Handles continue over `.`, `-` and `@` between word characters: acme.bsky.social, acme@m.social.
          while (j + 1 < s.length && /[.\-@]/.test(s[j] as string)) {
            const k = runEnd(s, j + 1, true);
            if (k === j + 1) break;
            j = k;
          }
          const handle = s.slice(i + 1, j);
          emit(handleWord(handle), MENTION, handle);
        }
        i = j;
        afterWord = true;
        continue;
      }
    }
    i += width;
    afterWord = false;
  }
}

/**
 * Lower-cases and removes Latin-script diacritics (`Crème` → `creme`, `İ` → `i`). Marks of other
 * scripts (Devanagari vowel signs, …) are kept: they are part of the word there.
 */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  // NFD splits accents off, NFC puts back together what must stay composed (Hangul syllables).
  return lower.normalize('NFD').replace(LATIN_DIACRITICS, '').normalize('NFC');
}

/** Splits already-folded text into plain words (no hashtags or mentions). */
export function splitWords(folded: string): string[] {
  const out: string[] = [];
  scan(folded, (w) => out.push(w), false);
  return out;
}

/**
 * A text tokenized once for matching against any number of queries. Create it with `prepareText` when the
 * same mention is matched against several brands.
 */
export class PreparedText {
  /** Folded words in order; a hashtag's word is its body, a mention's word its handle's first label. */
  readonly words: string[] = [];
  /** `WORD`, `HASHTAG` or `MENTION` per word. */
  readonly kinds: number[] = [];
  /** Full folded handle for mentions (`acmeair.bsky.social`), `''` for other words. */
  readonly handles: string[] = [];
  private index: Map<string, number[]> | undefined;

  constructor(text: string) {
    scan(
      fold(text),
      (word, kind, handle) => {
        this.words.push(word);
        this.kinds.push(kind);
        this.handles.push(handle);
      },
      true,
    );
  }

  /** Positions of `word` (any kind), ascending. */
  positionsOf(word: string): readonly number[] {
    const { words } = this;
    // Short posts: a scan beats building a map; long articles get an index on first lookup.
    if (words.length <= SCAN_LIMIT) {
      let first = words.indexOf(word);
      if (first === -1) return NONE;
      const out = [first];
      while ((first = words.indexOf(word, first + 1)) !== -1) out.push(first);
      return out;
    }
    if (this.index === undefined) {
      const index = new Map<string, number[]>();
      words.forEach((w, i) => {
        const list = index.get(w);
        if (list) list.push(i);
        else index.set(w, [i]);
      });
      this.index = index;
    }
    return this.index.get(word) ?? NONE;
  }
}

const NONE: readonly number[] = [];
const SCAN_LIMIT = 64;

/** The part of a handle a plain word can match: `acmeair` for `acmeair.bsky.social` or `acmeair@m.social`. */
export function handleWord(handle: string): string {
  const end = handle.search(/[.@]/);
  return end === -1 ? handle : handle.slice(0, end);
}

/** Tokenizes `text` once so several compiled matchers can reuse the result. */
export function prepareText(text: string): PreparedText {
  return new PreparedText(text);
}
