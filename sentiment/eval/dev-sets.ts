/**
 * Loaders for the labeled DEV/eval folder (`<shared>/data/sentiment/`, formats and label mappings in its
 * README). Every known file found under the folder becomes one {@link EvalSet}; unknown files are ignored.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readCsv } from './csv.js';
import { cleanText, type ClassIndex, type LabeledText } from './labels.js';

/** One labeled evaluation file. */
export interface EvalSet {
  /** `folder/file`, e.g. `sentiment140_test/testdata.manual.2009.06.14.csv`. */
  name: string;
  lang: string;
  /** True when the set has no neutral class by design (UCI). */
  binary: boolean;
  items: LabeledText[];
}

function vader(path: string): LabeledText[] {
  const out: LabeledText[] = [];
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const [, valence, ...rest] = line.split('\t');
    const v = Number(valence);
    const text = rest.join('\t');
    if (!text || !Number.isFinite(v)) continue;
    out.push({ text, label: v >= 0.2 ? 2 : v <= -0.2 ? 0 : 1 });
  }
  return out;
}

function uci(path: string): LabeledText[] {
  const out: LabeledText[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const tab = line.lastIndexOf('\t');
    if (tab < 0) continue;
    const label = line.slice(tab + 1).trim();
    if (label === '0' || label === '1')
      out.push({ text: line.slice(0, tab).trim(), label: label === '1' ? 2 : 0 });
  }
  return out;
}

function sentiment140(path: string): LabeledText[] {
  const map: Record<string, ClassIndex> = { '0': 0, '2': 1, '4': 2 };
  const out: LabeledText[] = [];
  for (const row of readCsv(path)) {
    const label = map[row[0] ?? ''];
    if (label !== undefined && row[5]) out.push({ text: cleanText(row[5]), label });
  }
  return out;
}

function tweeteval(dir: string): LabeledText[] {
  const texts = readFileSync(join(dir, 'test_text.txt'), 'utf8').split('\n');
  const labels = readFileSync(join(dir, 'test_labels.txt'), 'utf8').split('\n');
  const out: LabeledText[] = [];
  labels.forEach((l, i) => {
    const label = ({ '0': 0, '1': 1, '2': 2 } as Record<string, ClassIndex>)[l.trim()];
    const text = texts[i];
    if (label !== undefined && text !== undefined) out.push({ text: cleanText(text), label });
  });
  return out;
}

/** Loads every known labeled file under `dir`, sorted by name. */
export function loadEvalSets(dir: string): EvalSet[] {
  const sets: EvalSet[] = [];
  for (const folder of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const path = join(dir, folder.name);
    for (const file of readdirSync(path).sort()) {
      const full = join(path, file);
      const name = `${folder.name}/${file}`;
      if (file.endsWith('_GroundTruth.txt'))
        sets.push({ name, lang: 'en', binary: false, items: vader(full) });
      else if (file.endsWith('_labelled.txt'))
        sets.push({ name, lang: 'en', binary: true, items: uci(full) });
      else if (/^testdata\.manual.*\.csv$/.test(file))
        sets.push({ name, lang: 'en', binary: false, items: sentiment140(full) });
      else if (file === 'test_labels.txt' && existsSync(join(path, 'test_text.txt')))
        sets.push({
          name: `${basename(path)}/test_text.txt`,
          lang: 'en',
          binary: false,
          items: tweeteval(path),
        });
    }
  }
  return sets.sort((a, b) => (a.name < b.name ? -1 : 1));
}
