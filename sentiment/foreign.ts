/**
 * Lexicon-only scoring for the non-English languages natural ships vocabularies for: Spanish and
 * Portuguese (AFINN), French, Italian, Dutch and German (pattern, polarity −1…1 rescaled to −5…5), with
 * natural's negation lists. Vocabularies load lazily on first use of each language.
 */
import { createRequire } from 'node:module';
import { Kind, type Tokenized } from './text.js';

const require = createRequire(import.meta.url);
const BASE = 'natural/lib/natural/sentiment/';

const SOURCES: Record<string, { vocab: string; kind: 'afinn' | 'pattern'; negations?: string }> = {
  es: {
    vocab: 'Spanish/afinnShortSortedSpanish.json',
    kind: 'afinn',
    negations: 'Spanish/negations_es.json',
  },
  pt: {
    vocab: 'Portuguese/afinnShortSortedPortuguese.json',
    kind: 'afinn',
    negations: 'Portuguese/negations_pt.json',
  },
  fr: { vocab: 'French/pattern-sentiment-fr.json', kind: 'pattern' },
  it: { vocab: 'Italian/pattern-sentiment-it.json', kind: 'pattern' },
  nl: { vocab: 'Dutch/pattern-sentiment-nl.json', kind: 'pattern', negations: 'Dutch/negations_du.json' },
  de: { vocab: 'German/pattern-sentiment-de.json', kind: 'pattern', negations: 'German/negations_de.json' },
};

/** Extra negators natural's lists lack. */
const EXTRA_NEGATORS: Record<string, string[]> = {
  fr: ['pas', 'ne', 'jamais', 'rien', 'aucun', 'sans'],
  it: ['non', 'mai', 'niente', 'nessuno', 'senza'],
};

/** Languages scored lexicon-only. */
export const LEXICON_LANGUAGES: readonly string[] = Object.keys(SOURCES);

interface ForeignLexicon {
  words: Map<string, number>;
  negators: Set<string>;
}

const cache = new Map<string, ForeignLexicon>();

function lexiconFor(lang: string): ForeignLexicon | undefined {
  const cached = cache.get(lang);
  if (cached) return cached;
  const src = SOURCES[lang];
  if (!src) return undefined;
  const words = new Map<string, number>();
  const raw = require(BASE + src.vocab) as Record<string, number | { polarity: string | number }>;
  for (const [word, entry] of Object.entries(raw)) {
    const v = typeof entry === 'number' ? entry : Number(entry.polarity) * 5;
    if (Number.isFinite(v) && v !== 0) words.set(word.toLowerCase(), v);
  }
  const negators = new Set<string>(EXTRA_NEGATORS[lang] ?? []);
  if (src.negations)
    for (const w of (require(BASE + src.negations) as { words: string[] }).words) negators.add(w);
  const lex = { words, negators };
  cache.set(lang, lex);
  return lex;
}

/** Lexicon score (AFINN scale sum, negation-aware) and the number of lexicon hits; undefined if unsupported. */
export function scoreForeign(tk: Tokenized, lang: string): { score: number; hits: number } | undefined {
  const lex = lexiconFor(lang);
  if (!lex) return undefined;
  let score = 0;
  let hits = 0;
  let neg = 0;
  for (const t of tk.tokens) {
    if (t.kind === Kind.Clause || t.kind === Kind.Sentence) {
      neg = 0;
      continue;
    }
    if (t.kind !== Kind.Word) continue;
    if (lex.negators.has(t.text)) {
      neg = 3;
      continue;
    }
    const v = lex.words.get(t.text);
    if (v !== undefined) {
      score += neg > 0 ? -0.75 * v : v;
      hits++;
    }
    if (neg > 0) neg--;
  }
  return { score, hits };
}
