/**
 * Text normalization and tokenization shared by the query parser and the matcher, so a query word and a
 * post word are cut and folded the same way.
 */

/** Token kinds in a prepared text. */
export const WORD = 0;
export const HASHTAG = 1;
export const MENTION = 2;

// Letters, digits, combining marks and `_`, except CJK ideographs and kana: those scripts write no spaces,
// so each such character is a token of its own and a query word in them becomes a phrase.
const CJK = String.raw`[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]`;
const WORD_CHAR = String.raw`[\p{L}\p{N}\p{M}_]`;
const WORD_RUN = String.raw`[[\p{L}\p{N}\p{M}_]--${CJK}]+`;
const NOT_AFTER_WORD = String.raw`(?<!${WORD_CHAR})`;
const HANDLE = String.raw`${WORD_CHAR}+(?:[.\-@]${WORD_CHAR}+)*`;

// Groups: 1 = hashtag body, 2 = mention handle; otherwise a plain word or one CJK character.
// Built with `new RegExp` because the `v` flag (set subtraction) is newer than the compile target.
const TEXT_TOKEN = new RegExp(
  `${NOT_AFTER_WORD}#(${WORD_CHAR}+)|${NOT_AFTER_WORD}@(${HANDLE})|${WORD_RUN}|${CJK}`,
  'gv',
);
const PLAIN_TOKEN = new RegExp(`${WORD_RUN}|${CJK}`, 'gv');
const NON_ASCII = /[^ -~\t\n\r]/;
const LATIN_DIACRITICS = /[\u0300-\u036f]/g;

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
  return folded.match(PLAIN_TOKEN) ?? [];
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
  #index: Map<string, number[]> | undefined;

  constructor(text: string) {
    const folded = fold(text);
    for (const m of folded.matchAll(TEXT_TOKEN)) {
      const tag = m[1];
      const handle = m[2];
      if (tag !== undefined) this.#push(tag, HASHTAG, '');
      else if (handle !== undefined) this.#push(handleWord(handle), MENTION, handle);
      else this.#push(m[0], WORD, '');
    }
  }

  #push(word: string, kind: number, handle: string): void {
    this.words.push(word);
    this.kinds.push(kind);
    this.handles.push(handle);
  }

  /** Positions of `word` (any kind), ascending. */
  positionsOf(word: string): readonly number[] {
    if (this.#index === undefined) {
      const index = new Map<string, number[]>();
      this.words.forEach((w, i) => {
        const list = index.get(w);
        if (list) list.push(i);
        else index.set(w, [i]);
      });
      this.#index = index;
    }
    return this.#index.get(word) ?? NONE;
  }
}

const NONE: readonly number[] = [];

/** The part of a handle a plain word can match: `acmeair` for `acmeair.bsky.social` or `acmeair@m.social`. */
export function handleWord(handle: string): string {
  const end = handle.search(/[.@]/);
  return end === -1 ? handle : handle.slice(0, end);
}

/** Tokenizes `text` once so several compiled matchers can reuse the result. */
export function prepareText(text: string): PreparedText {
  return new PreparedText(text);
}
