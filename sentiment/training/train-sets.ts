/**
 * Loaders for the training folder `<shared>/data/sentiment-train/` (formats in its README). Used only by
 * `npm run train`. Left out on purpose: financial_phrasebank (non-commercial licence), SST-5 (movie
 * reviews that overlap the VADER movie DEV set), TweetEval val (duplicates the SemEval files), and the proxy
 * held-out brand-tweet sets CrowdFlower Apple and Sanders (evaluation only).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from '../eval/csv.js';
import { cleanText, type ClassIndex } from '../eval/labels.js';
import { proxyKeys, textKey } from '../eval/proxy-sets.js';

/** A training example with its source and weight. */
export interface TrainExample {
  text: string;
  label: ClassIndex;
  source: string;
  weight: number;
}

/** Letters and digits only: catches retweets and re-punctuated copies of a held-out text. */
function looseKey(key: string): string {
  return key.replace(/^rt\b/, '').replace(/[^a-z0-9]/g, '');
}

const WORD_LABEL: Record<string, ClassIndex> = { negative: 0, neutral: 1, positive: 2 };

function semeval(dir: string): TrainExample[] {
  const out: TrainExample[] = [];
  const folder = join(dir, 'semeval2017_task4a_train');
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith('-A.txt'))
    .sort()) {
    const text = readFileSync(join(folder, file), 'utf8');
    for (const record of text.split(/\n(?=\d+\t)/)) {
      const [, label, ...rest] = record.split('\t');
      let body = rest.join(' ').trim();
      if (body.startsWith('"') && body.endsWith('"') && body.length > 1) body = body.slice(1, -1);
      const l = WORD_LABEL[label ?? ''];
      if (l !== undefined && body)
        out.push({ text: cleanText(body), label: l, source: 'semeval2013-2016', weight: 1 });
    }
  }
  return out;
}

function kaggle(dir: string): TrainExample[] {
  const out: TrainExample[] = [];
  for (const file of ['train.csv', 'test.csv']) {
    const rows = readCsv(join(dir, 'tweet_sentiment_extraction_kaggle', file)).slice(1);
    for (const r of rows) {
      const l = WORD_LABEL[r[r.length - 1] ?? ''];
      const text = (r[1] ?? '').replace(/`/g, "'").trim();
      if (l !== undefined && text)
        out.push({ text: cleanText(text), label: l, source: 'kaggle-tweet-extraction', weight: 1 });
    }
  }
  return out;
}

function sxsw(dir: string): TrainExample[] {
  const file = join(
    dir,
    'crowdflower_brands_product_emotions_sxsw',
    'judge-1377884607_tweet_product_company.csv',
  );
  const rows = readCsv(file, 'latin1').slice(1);
  const out: TrainExample[] = [];
  for (const r of rows) {
    const e = r[2] ?? '';
    // "No emotion toward brand or product" is not strictly neutral: keep it at half weight.
    const [l, w]: [ClassIndex | undefined, number] = e.startsWith('Positive')
      ? [2, 1]
      : e.startsWith('Negative')
        ? [0, 1]
        : e.startsWith('No emotion')
          ? [1, 0.5]
          : [undefined, 0];
    if (l !== undefined && r[0])
      out.push({ text: cleanText(r[0]), label: l, source: 'crowdflower-sxsw', weight: w });
  }
  return out;
}

/**
 * All training examples, de-duplicated on normalized text (conflicting labels dropped), sorted. Texts of the
 * proxy held-out sets (`../eval/proxy-sets.ts`: CrowdFlower Apple, Sanders) are excluded, near-duplicates
 * (same letters and digits) included.
 */
export function loadTrainingSet(trainDir: string): TrainExample[] {
  const heldOut = new Set([...proxyKeys(trainDir)].map(looseKey));
  const all = [...semeval(trainDir), ...kaggle(trainDir), ...sxsw(trainDir)];
  const byKey = new Map<string, TrainExample | null>();
  for (const ex of all) {
    const key = textKey(ex.text);
    if (!key || heldOut.has(looseKey(key))) continue;
    const seen = byKey.get(key);
    if (seen === undefined) byKey.set(key, ex);
    else if (seen !== null && seen.label !== ex.label) byKey.set(key, null);
  }
  const out = [...byKey.entries()].filter((e): e is [string, TrainExample] => e[1] !== null);
  out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return out.map((e) => e[1]);
}
