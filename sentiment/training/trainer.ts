/**
 * The training loop behind `npm run train`, as a pure function of the examples and options so experiments can
 * run it in-process: featurize, Adagrad SGD on a class-weighted softmax loss, int8 quantization, then a
 * softmax temperature (log-loss) and per-class logit offsets (macro-F1) fitted on the hold-out slice.
 */
import { DENSE, FeatureBuffer, extract, fnv1a } from '../features.js';
import { buildEnglishLexicon } from '../lexicon.js';
import { makeModel, shortHash, type LoadedModel, type ModelFile } from '../model.js';
import { isShouting, tokenize } from '../text.js';
import { macroF1 } from '../eval/metrics.js';
import type { TrainExample } from './train-sets.js';

/** Hyper-parameters of {@link trainModel}. */
export interface TrainOptions {
  buckets: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Exponent of the inverse-frequency class weights: 1 = fully balanced, 0 = none. */
  balance: number;
  /** Fit per-class logit offsets maximizing hold-out macro-F1. */
  calibrate: boolean;
}

/** Defaults used by `npm run train`. */
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  buckets: 1 << 17,
  epochs: 4,
  learningRate: 0.1,
  l2: 1e-6,
  seed: 20240601,
  balance: 1,
  // Offsets fitted on the (neutral-heavy) training hold-out cost negative recall on brand tweets: off.
  calibrate: false,
};

interface Row {
  idx: Int32Array;
  v: number;
  dense: Float32Array;
  label: number;
  weight: number;
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

const argmax = (p: ArrayLike<number>): number =>
  p[0]! >= p[1]! && p[0]! >= p[2]! ? 0 : p[1]! >= p[2]! ? 1 : 2;

/** Result of {@link trainModel}: the model file and a ready predictor. */
export interface Trained {
  file: ModelFile;
  model: LoadedModel;
  log: string[];
}

/** Trains on `examples` (a fixed hash-based 5 % goes to the hold-out slice). Deterministic. */
export function trainModel(
  examples: readonly TrainExample[],
  options: Partial<TrainOptions> = {},
  training: Record<string, unknown> = {},
): Trained {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const log: string[] = [];
  const lexicon = buildEnglishLexicon();
  const buf = new FeatureBuffer();
  const featurize = (ex: TrainExample): Row => {
    const tk = tokenize(ex.text);
    const ctx = {
      lexicon,
      mask: o.buckets - 1,
      shouting: isShouting(tk),
      urls: tk.urls,
      mentions: tk.mentions,
    };
    extract(tk.tokens, 0, tk.tokens.length, ctx, buf);
    return {
      idx: buf.idx.slice(0, buf.n),
      v: buf.n > 0 ? buf.val[0]! : 0,
      dense: Float32Array.from(buf.dense),
      label: ex.label,
      weight: ex.weight,
    };
  };
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
  const classWeight = counts.map((c) => (totalW / (3 * c)) ** o.balance);
  log.push(`examples: train ${train.length}, hold-out ${holdout.length}, sources ${JSON.stringify(sources)}`);

  const K = o.buckets * 3;
  const W = new Float64Array(K);
  const GW = new Float64Array(K).fill(1e-8);
  const D = new Float64Array(DENSE * 3);
  const GD = new Float64Array(DENSE * 3).fill(1e-8);
  const B = new Float64Array(3);
  const GB = new Float64Array(3).fill(1e-8);
  const lr = o.learningRate;
  const rand = mulberry32(o.seed);
  const order = train.map((_r, i) => i);
  const z = new Float64Array(3);
  const g = new Float64Array(3);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let loss = 0;
    for (const oi of order) {
      const r = train[oi]!;
      for (let k = 0; k < 3; k++) z[k] = B[k]!;
      for (const i of r.idx) for (let k = 0; k < 3; k++) z[k]! += W[i * 3 + k]! * r.v;
      for (let j = 0; j < DENSE; j++) {
        const x = r.dense[j]!;
        if (x !== 0) for (let k = 0; k < 3; k++) z[k]! += D[j * 3 + k]! * x;
      }
      const m = Math.max(z[0]!, z[1]!, z[2]!);
      let s = 0;
      for (let k = 0; k < 3; k++) s += Math.exp(z[k]! - m);
      const w = r.weight * classWeight[r.label]!;
      for (let k = 0; k < 3; k++) g[k] = (Math.exp(z[k]! - m) / s - (k === r.label ? 1 : 0)) * w;
      loss -= w * (z[r.label]! - m - Math.log(s));
      for (const i of r.idx) {
        for (let k = 0; k < 3; k++) {
          const at = i * 3 + k;
          const grad = g[k]! * r.v + o.l2 * W[at]!;
          GW[at]! += grad * grad;
          W[at]! -= (lr * grad) / Math.sqrt(GW[at]!);
        }
      }
      for (let j = 0; j < DENSE; j++) {
        const x = r.dense[j]!;
        if (x === 0) continue;
        for (let k = 0; k < 3; k++) {
          const at = j * 3 + k;
          const grad = g[k]! * x;
          GD[at]! += grad * grad;
          D[at]! -= (lr * grad) / Math.sqrt(GD[at]!);
        }
      }
      for (let k = 0; k < 3; k++) {
        GB[k]! += g[k]! * g[k]!;
        B[k]! -= (lr * g[k]!) / Math.sqrt(GB[k]!);
      }
    }
    log.push(`epoch ${epoch + 1}: loss ${(loss / order.length).toFixed(4)}`);
  }

  // Quantize to int8, clipping the rare extreme weights at the 99.99th percentile of |w|.
  const sorted = Float64Array.from(W, Math.abs).sort();
  const clipAt = sorted[Math.floor(sorted.length * 0.9999)]! || 1;
  const scale = clipAt / 127;
  const q = new Int8Array(K);
  for (let i = 0; i < K; i++) {
    q[i] = Math.max(-127, Math.min(127, Math.round(W[i]! / scale)));
  }
  const round = (x: number): number => Math.round(x * 1e5) / 1e5;
  const dense = Array.from(D, round);

  // Hold-out logits at temperature 1 (the predictor's probabilities are a softmax of them).
  const probe = makeModel('tmp', o.buckets, q, scale, dense, Array.from(B, round), 1);
  const fb = new FeatureBuffer();
  const p = new Float64Array(3);
  const holdLogits = holdout.map((r) => {
    fb.n = 0;
    for (const i of r.idx) fb.push(i, r.v);
    fb.dense.set(r.dense);
    probe.predict(fb, p);
    return [Math.log(p[0]!), Math.log(p[1]!), Math.log(p[2]!)] as const;
  });
  const gold = holdout.map((r) => r.label);
  const evalAt = (t: number, off: readonly number[]): { nll: number; f1: number; acc: number } => {
    let nll = 0;
    const pred: number[] = [];
    const e = new Float64Array(3);
    holdLogits.forEach((l, n) => {
      for (let k = 0; k < 3; k++) e[k] = l[k]! / t + off[k]!;
      const m = Math.max(e[0]!, e[1]!, e[2]!);
      const s = Math.exp(e[0]! - m) + Math.exp(e[1]! - m) + Math.exp(e[2]! - m);
      nll -= e[gold[n]!]! - m - Math.log(s);
      pred.push(argmax(e));
    });
    const acc = gold.filter((g2, n) => g2 === pred[n]).length / gold.length;
    return { nll: nll / gold.length, f1: macroF1(gold, pred, 3), acc };
  };
  let best = { t: 1, nll: Infinity };
  for (let t = 0.5; t <= 3.0001; t += 0.05) {
    const { nll } = evalAt(t, [0, 0, 0]);
    if (nll < best.nll) best = { t: Math.round(t * 100) / 100, nll };
  }
  const before = evalAt(best.t, [0, 0, 0]);
  // Per-class offsets (after temperature) maximizing hold-out macro-F1; neutral's is fixed at 0.
  let offsets = [0, 0, 0];
  if (o.calibrate) {
    let bestF1 = before.f1;
    for (let a = -1; a <= 1.0001; a += 0.05) {
      for (let c = -1; c <= 1.0001; c += 0.05) {
        const off = [Math.round(a * 100) / 100, 0, Math.round(c * 100) / 100];
        const { f1 } = evalAt(best.t, off);
        // Prefer small offsets: a change must buy a clear gain on a 5 % slice.
        if (f1 > bestF1 + 0.0005) {
          bestF1 = f1;
          offsets = off;
        }
      }
    }
  }
  const metrics = evalAt(best.t, offsets);
  log.push(
    `hold-out: accuracy ${metrics.acc.toFixed(4)}, macro-F1 ${metrics.f1.toFixed(4)} ` +
      `(before offsets ${before.f1.toFixed(4)}), T ${best.t}, offsets ${offsets.join('/')}`,
  );
  // Offsets are applied after the temperature: fold them into the bias as offset × T.
  const bias = Array.from(B, (b, k) => round(b + offsets[k]! * best.t));

  const weights = Buffer.from(q.buffer).toString('base64');
  const body = { buckets: o.buckets, temperature: best.t, scale, bias, dense, weights };
  const file: ModelFile = {
    format: 1,
    id: `lr16-${shortHash(JSON.stringify(body))}`,
    ...body,
    training: {
      ...training,
      sources,
      trainRows: train.length,
      holdoutRows: holdout.length,
      holdoutAccuracy: round(metrics.acc),
      holdoutMacroF1: round(metrics.f1),
      classOffsets: offsets,
      options: o,
    },
  };
  const model = makeModel(file.id, o.buckets, q, scale, dense, bias, best.t);
  return { file, model, log };
}
