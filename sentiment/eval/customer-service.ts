/**
 * Earshot's own customer-service development sets (`sentiment/data/dev/`, written and labelled by the team,
 * see docs/sentiment.md): document sentiment (`label <TAB> text`) and single-complaint aspects
 * (`aspect <TAB> text`, `none` for tweets that complain about nothing), plus the aspect metrics
 * `earshot eval` prints.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SentimentAnalyzer } from '../../core/sentiment.js';
import { ASPECTS } from '../aspects.js';
import type { EvalSet } from './dev-sets.js';
import type { ClassIndex } from './labels.js';

/** Folder of the committed customer-service sets. */
export const CUSTOMER_SERVICE_DIR = fileURLToPath(new URL('../data/dev/', import.meta.url));

const LABELS: Record<string, ClassIndex> = { negative: 0, neutral: 1, positive: 2 };

function rows(path: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (i === 0 || line.trim() === '') return; // header
    const tab = line.indexOf('\t');
    if (tab < 0) throw new Error(`${path}:${i + 1}: expected "<label><TAB><text>"`);
    out.push([line.slice(0, tab).trim(), line.slice(tab + 1)]);
  });
  return out;
}

/** Document sets: every `customer-service-*.tsv` except the aspect files. */
export function loadCustomerServiceSets(dir = CUSTOMER_SERVICE_DIR): EvalSet[] {
  return readdirSync(dir)
    .filter((f) => /^customer-service-.*\.tsv$/.test(f) && !f.includes('aspects'))
    .sort()
    .map((f) => ({
      name: `earshot/${f}`,
      lang: 'en',
      binary: false,
      items: rows(join(dir, f)).map(([label, text], i) => {
        const l = LABELS[label];
        if (l === undefined) throw new Error(`${f}:${i + 2}: unknown label ${JSON.stringify(label)}`);
        return { text, label: l };
      }),
    }));
}

/** One aspect set: the gold aspect of each tweet, undefined for `none`. */
export interface AspectSet {
  name: string;
  items: Array<{ text: string; aspect: string | undefined }>;
}

/** Aspect sets: every `customer-service-aspects-*.tsv`. */
export function loadAspectSets(dir = CUSTOMER_SERVICE_DIR): AspectSet[] {
  return readdirSync(dir)
    .filter((f) => /^customer-service-aspects-.*\.tsv$/.test(f))
    .sort()
    .map((f) => ({
      name: `earshot/${f}`,
      items: rows(join(dir, f)).map(([aspect, text], i) => {
        if (aspect !== 'none' && !ASPECTS.includes(aspect))
          throw new Error(`${f}:${i + 2}: unknown aspect ${JSON.stringify(aspect)}`);
        return { text, aspect: aspect === 'none' ? undefined : aspect };
      }),
    }));
}

/** Per-aspect figures: a hit is the aspect reported with a negative score. */
export interface AspectMetrics {
  aspect: string;
  /** Gold items of this aspect. */
  support: number;
  /** Share of gold items where the aspect is found with a negative score. */
  recall: number;
  /** Share of negative detections of this aspect that are on its gold items. */
  precision: number;
}

/** Aspect report of one set. */
export interface AspectReport {
  name: string;
  n: number;
  perAspect: AspectMetrics[];
  /** Aspects reported per tweet (any score), over all items. */
  avgAspects: number;
  /** Items whose gold aspect is found negative, over items with a gold aspect. */
  recall: number;
}

/** Scores every aspect set. */
export function evaluateAspects(sets: readonly AspectSet[], analyzer: SentimentAnalyzer): AspectReport[] {
  return sets.map((set) => {
    const tp = new Map<string, number>();
    const found = new Map<string, number>();
    const support = new Map<string, number>();
    let aspects = 0;
    let hits = 0;
    let gold = 0;
    for (const item of set.items) {
      const r = analyzer.analyze(item.text);
      aspects += r.aspects.length;
      if (item.aspect) {
        gold++;
        support.set(item.aspect, (support.get(item.aspect) ?? 0) + 1);
      }
      for (const a of r.aspects) {
        if (a.sentiment >= 0) continue;
        found.set(a.aspect, (found.get(a.aspect) ?? 0) + 1);
        if (a.aspect === item.aspect) {
          tp.set(a.aspect, (tp.get(a.aspect) ?? 0) + 1);
          hits++;
        }
      }
    }
    const perAspect = ASPECTS.filter((a) => support.has(a)).map((aspect) => ({
      aspect,
      support: support.get(aspect)!,
      recall: (tp.get(aspect) ?? 0) / support.get(aspect)!,
      precision: found.get(aspect) ? (tp.get(aspect) ?? 0) / found.get(aspect)! : NaN,
    }));
    return {
      name: set.name,
      n: set.items.length,
      perAspect,
      avgAspects: aspects / Math.max(1, set.items.length),
      recall: gold ? hits / gold : NaN,
    };
  });
}
