/**
 * Proxy held-out sets for the target domain (brand / customer-service tweets), read from the TRAINING folder
 * `<shared>/data/sentiment-train/` but never trained on: `npm run train` drops every text listed here (and
 * any near-duplicate of one) from its training data. `earshot eval` reports them apart from the DEV sets.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from './csv.js';
import type { EvalSet } from './dev-sets.js';
import { cleanText, type ClassIndex, type LabeledText } from './labels.js';

/** Crowd agreement (`sentiment:confidence`) at or above which an Apple row counts as cleanly labeled. */
export const APPLE_MIN_CONFIDENCE = 0.6;

/** Path of the CrowdFlower Apple file inside the training folder. */
export const APPLE_FILE = join('crowdflower_apple_twitter_sentiment', 'Apple-Twitter-Sentiment-DFE.csv');
/** Path of the Sanders corpus inside the training folder. */
export const SANDERS_FILE = join('sanders_twitter_corpus', 'full-corpus.csv');

const APPLE_LABEL: Record<string, ClassIndex> = { '1': 0, '3': 1, '5': 2 };
const WORD_LABEL: Record<string, ClassIndex> = { negative: 0, neutral: 1, positive: 2 };

/** Normalized text used to match proxy texts against training texts (case, URLs, mentions, spacing). */
export function textKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+|@\w+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** CrowdFlower Apple rows (latin-1) with their crowd confidence. */
export function appleRows(trainDir: string): Array<LabeledText & { confidence: number }> {
  const rows = readCsv(join(trainDir, APPLE_FILE), 'latin1').slice(1);
  const out: Array<LabeledText & { confidence: number }> = [];
  for (const r of rows) {
    const label = APPLE_LABEL[r[5] ?? ''];
    const text = r[11];
    if (label !== undefined && text) out.push({ text: cleanText(text), label, confidence: Number(r[6]) });
  }
  return out;
}

/** Sanders rows with a sentiment label ("irrelevant" dropped). */
export function sandersRows(trainDir: string): LabeledText[] {
  const rows = readCsv(join(trainDir, SANDERS_FILE)).slice(1);
  const out: LabeledText[] = [];
  for (const r of rows) {
    const label = WORD_LABEL[r[1] ?? ''];
    if (label !== undefined && r[4]) out.push({ text: cleanText(r[4]), label });
  }
  return out;
}

/** Drops repeated texts (retweets), keeping the first occurrence. */
function unique(items: LabeledText[]): LabeledText[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = textKey(i.text);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The proxy held-out sets: Apple with crowd confidence ≥ {@link APPLE_MIN_CONFIDENCE} (unique texts),
 * Apple all rows (as in the file, retweets included), Sanders (unique texts). Missing files are skipped.
 */
export function loadProxySets(trainDir: string): EvalSet[] {
  const sets: EvalSet[] = [];
  if (existsSync(join(trainDir, APPLE_FILE))) {
    const rows = appleRows(trainDir);
    const clean = unique(rows.filter((r) => r.confidence >= APPLE_MIN_CONFIDENCE));
    const strip = (r: LabeledText): LabeledText => ({ text: r.text, label: r.label });
    sets.push({
      name: 'crowdflower_apple (conf >= 0.6, unique)',
      lang: 'en',
      binary: false,
      items: clean.map(strip),
    });
    sets.push({ name: 'crowdflower_apple (all rows)', lang: 'en', binary: false, items: rows.map(strip) });
  }
  if (existsSync(join(trainDir, SANDERS_FILE)))
    sets.push({
      name: 'sanders (no irrelevant, unique)',
      lang: 'en',
      binary: false,
      items: unique(sandersRows(trainDir)),
    });
  return sets;
}

/** Normalized keys of every proxy text, which training must exclude. */
export function proxyKeys(trainDir: string): Set<string> {
  const keys = new Set<string>();
  for (const set of loadProxySets(trainDir)) for (const i of set.items) keys.add(textKey(i.text));
  return keys;
}
