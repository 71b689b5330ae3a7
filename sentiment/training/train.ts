/**
 * `npm run train`: trains the English classifier on `<shared>/data/sentiment-train/` and writes
 * `sentiment/model/earshot-sentiment.json`. Deterministic: sorted de-duplicated inputs, fixed seed,
 * a fixed hash-based 5 % hold-out slice (used for the softmax temperature and the reported hold-out
 * metrics). Never reads the DEV/eval folder `<shared>/data/sentiment/`.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DENSE, FeatureBuffer, extract, fnv1a } from '../features.js';
import { buildEnglishLexicon } from '../lexicon.js';
import { DEFAULT_MODEL_URL, makeModel, shortHash, type ModelFile } from '../model.js';
import { isShouting, tokenize } from '../text.js';
import { macroF1 } from '../eval/metrics.js';
import { loadTrainingSet, type TrainExample } from './train-sets.js';

const BUCKETS = 1 << 16;
const EPOCHS = 8;
const LEARNING_RATE = 0.2;
const L2 = 1e-6;
const SEED = 20240601;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = resolve(process.env.EARSHOT_SHARED_DIR ?? join(repoRoot, '..', 'shared'));
const trainDir = join(shared, 'data', 'sentiment-train');
if (!existsSync(trainDir)) {
  console.error(`Training data not found at ${trainDir}. Set EARSHOT_SHARED_DIR to the shared folder.`);
  process.exit(1);
}

interface Row {
  idx: Int32Array;
  v: number;
  dense: Float32Array;
  label: number;
  weight: number;
}

const lexicon = buildEnglishLexicon();
const buf = new FeatureBuffer();
function featurize(ex: TrainExample): Row {
  const tk = tokenize(ex.text);
  extract(tk.tokens, 0, tk.tokens.length, { lexicon, mask: BUCKETS - 1, shouting: isShouting(tk) }, buf);
  return {
    idx: buf.idx.slice(0, buf.n),
    v: buf.n > 0 ? buf.val[0]! : 0,
    dense: Float32Array.from(buf.dense),
    label: ex.label,
    weight: ex.weight,
  };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const t0 = Date.now();
const examples = loadTrainingSet(trainDir);
const train: Row[] = [];
const holdout: Row[] = [];
const sources: Record<string, number> = {};
for (const ex of examples) {
  sources[ex.source] = (sources[ex.source] ?? 0) + 1;
  (fnv1a(ex.text) % 20 === 0 ? holdout : train).push(featurize(ex));
}
const counts = [0, 0, 0];
for (const r of train) counts[r.label]! += r.weight;
const totalW = counts[0]! + counts[1]! + counts[2]!;
const classWeight = counts.map((c) => totalW / (3 * c));
console.log(
  `examples: train ${train.length}, hold-out ${holdout.length}, sources ${JSON.stringify(sources)}`,
);

const W = new Float64Array(BUCKETS * 3);
const GW = new Float64Array(BUCKETS * 3).fill(1e-8);
const D = new Float64Array(DENSE * 3);
const GD = new Float64Array(DENSE * 3).fill(1e-8);
const B = new Float64Array(3);
const GB = new Float64Array(3).fill(1e-8);

function logits(r: Row, z: Float64Array): void {
  for (let k = 0; k < 3; k++) z[k] = B[k]!;
  for (const i of r.idx) for (let k = 0; k < 3; k++) z[k]! += W[i * 3 + k]! * r.v;
  for (let j = 0; j < DENSE; j++) {
    const x = r.dense[j]!;
    if (x !== 0) for (let k = 0; k < 3; k++) z[k]! += D[j * 3 + k]! * x;
  }
}

const rand = mulberry32(SEED);
const order = train.map((_r, i) => i);
const z = new Float64Array(3);
const g = new Float64Array(3);
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let loss = 0;
  for (const oi of order) {
    const r = train[oi]!;
    logits(r, z);
    const m = Math.max(z[0]!, z[1]!, z[2]!);
    let s = 0;
    for (let k = 0; k < 3; k++) s += Math.exp(z[k]! - m);
    const w = r.weight * classWeight[r.label]!;
    for (let k = 0; k < 3; k++) g[k] = (Math.exp(z[k]! - m) / s - (k === r.label ? 1 : 0)) * w;
    loss -= w * (z[r.label]! - m - Math.log(s));
    for (const i of r.idx) {
      for (let k = 0; k < 3; k++) {
        const o = i * 3 + k;
        const grad = g[k]! * r.v + L2 * W[o]!;
        GW[o]! += grad * grad;
        W[o]! -= (LEARNING_RATE * grad) / Math.sqrt(GW[o]!);
      }
    }
    for (let j = 0; j < DENSE; j++) {
      const x = r.dense[j]!;
      if (x === 0) continue;
      for (let k = 0; k < 3; k++) {
        const o = j * 3 + k;
        const grad = g[k]! * x;
        GD[o]! += grad * grad;
        D[o]! -= (LEARNING_RATE * grad) / Math.sqrt(GD[o]!);
      }
    }
    for (let k = 0; k < 3; k++) {
      GB[k]! += g[k]! * g[k]!;
      B[k]! -= (LEARNING_RATE * g[k]!) / Math.sqrt(GB[k]!);
    }
  }
  console.log(`epoch ${epoch + 1}: loss ${(loss / order.length).toFixed(4)}`);
}

// Quantize to int8, clipping the rare extreme weights at the 99.99th percentile of |w|.
const sorted = Float64Array.from(W, Math.abs).sort();
const clipAt = sorted[Math.floor(sorted.length * 0.9999)]! || 1;
const scale = clipAt / 127;
const q = new Int8Array(W.length);
const deq = new Float32Array(W.length);
for (let i = 0; i < W.length; i++) {
  q[i] = Math.max(-127, Math.min(127, Math.round(W[i]! / scale)));
  deq[i] = q[i]! * scale;
}
const round = (x: number): number => Math.round(x * 1e5) / 1e5;
const dense = Array.from(D, round);
const bias = Array.from(B, round);

// Fit the softmax temperature on the hold-out slice (grid search on log-loss).
function holdoutEval(temperature: number): { nll: number; f1: number; acc: number } {
  const model = makeModel('tmp', BUCKETS, deq, dense, bias, temperature);
  const p = new Float64Array(3);
  const fb = new FeatureBuffer();
  let nll = 0;
  const gold: number[] = [];
  const pred: number[] = [];
  for (const r of holdout) {
    fb.n = 0;
    for (const i of r.idx) fb.push(i, r.v);
    fb.dense.set(r.dense);
    model.predict(fb, p);
    nll -= Math.log(Math.max(p[r.label]!, 1e-12));
    gold.push(r.label);
    pred.push(p[0]! >= p[1]! && p[0]! >= p[2]! ? 0 : p[1]! >= p[2]! ? 1 : 2);
  }
  const acc = gold.filter((l, i) => l === pred[i]).length / gold.length;
  return { nll: nll / holdout.length, f1: macroF1(gold, pred, 3), acc };
}
let best = { t: 1, nll: Infinity };
for (let t = 0.5; t <= 3.0001; t += 0.05) {
  const { nll } = holdoutEval(t);
  if (nll < best.nll) best = { t: Math.round(t * 100) / 100, nll };
}
const metrics = holdoutEval(best.t);
console.log(`hold-out: accuracy ${metrics.acc.toFixed(4)}, macro-F1 ${metrics.f1.toFixed(4)}, T ${best.t}`);

const weights = Buffer.from(q.buffer).toString('base64');
const body = { buckets: BUCKETS, temperature: best.t, scale: round(scale * 1e3) / 1e3, bias, dense, weights };
const file: ModelFile = {
  format: 1,
  id: `lr16-${shortHash(JSON.stringify(body))}`,
  ...body,
  training: {
    command: 'npm run train',
    sources,
    excluded: [
      'financial_phrasebank (non-commercial)',
      'sst5_stsa_fine (overlaps VADER movie DEV set)',
      'tweeteval_sentiment_val (duplicate of SemEval)',
    ],
    trainRows: train.length,
    holdoutRows: holdout.length,
    holdoutAccuracy: round(metrics.acc),
    holdoutMacroF1: round(metrics.f1),
    epochs: EPOCHS,
    seed: SEED,
  },
};
// The dequantization must match exactly what was evaluated above.
file.scale = scale;
file.id = `lr16-${shortHash(JSON.stringify({ ...body, scale }))}`;
writeFileSync(DEFAULT_MODEL_URL, JSON.stringify(file) + '\n');
console.log(`wrote ${DEFAULT_MODEL_URL.pathname} (${file.id}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
