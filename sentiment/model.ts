/**
 * The committed classifier: a 3-class logistic regression over hashed n-grams plus dense lexicon
 * features, weights quantized to int8 and stored base64 in one deterministic JSON file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SentimentError } from '../core/errors.js';
import { DENSE, type FeatureBuffer } from './features.js';

/** Class order of every probability vector. */
export const CLASSES = ['negative', 'neutral', 'positive'] as const;

/** Default model file, committed in `sentiment/model/`. */
export const DEFAULT_MODEL_URL = new URL('./model/earshot-sentiment.json', import.meta.url);

/** The JSON file written by `npm run train`. */
export interface ModelFile {
  format: 1;
  /** Stable id derived from the weights; part of the scorer version. */
  id: string;
  buckets: number;
  temperature: number;
  /** Dequantization step of `weights`. */
  scale: number;
  bias: number[];
  /** DENSE × 3 weights, row-major. */
  dense: number[];
  /** buckets × 3 int8 weights, row-major, base64. */
  weights: string;
  /** Free-form training provenance (sources, counts, hold-out metrics). */
  training: Record<string, unknown>;
}

/** A loaded model ready for {@link LoadedModel.predict}. */
export interface LoadedModel {
  id: string;
  buckets: number;
  mask: number;
  temperature: number;
  /** Class probabilities (negative, neutral, positive) for the features in `f`, written into `out`. */
  predict(f: FeatureBuffer, out: Float64Array): void;
  /**
   * Probabilities for the hashed features `idx[from, to)` (each valued 1/√count, as {@link extract} does)
   * plus the dense vector `dense`: scores a segment of a text from the whole text's features.
   */
  predictRange(idx: Int32Array, from: number, to: number, dense: Float64Array, out: Float64Array): void;
}

/**
 * Builds a predictor from int8 weights and their dequantization step (also used by training for evaluation).
 * The weights stay int8 in memory: a quarter of the cache footprint of floats, which is what bounds the
 * speed on long texts (each feature is a random read into the table).
 */
export function makeModel(
  id: string,
  buckets: number,
  weights: Int8Array,
  scale: number,
  dense: ArrayLike<number>,
  bias: ArrayLike<number>,
  temperature: number,
): LoadedModel {
  const b0 = bias[0] ?? 0;
  const b1 = bias[1] ?? 0;
  const b2 = bias[2] ?? 0;
  const invT = 1 / temperature;
  // A local copy: the loop bound would otherwise go through an import getter under tsx.
  const nDense = DENSE;
  const dense3 = Float64Array.from({ length: nDense * 3 }, (_v, i) => dense[i] ?? 0);
  // Dense part, temperature and softmax, shared by predict() and predictRange().
  function finish(z0: number, z1: number, z2: number, d: Float64Array, out: Float64Array): void {
    for (let j = 0; j < nDense; j++) {
      const v = d[j]!;
      if (v === 0) continue;
      z0 += dense3[j * 3]! * v;
      z1 += dense3[j * 3 + 1]! * v;
      z2 += dense3[j * 3 + 2]! * v;
    }
    z0 *= invT;
    z1 *= invT;
    z2 *= invT;
    const m = Math.max(z0, z1, z2);
    const e0 = Math.exp(z0 - m);
    const e1 = Math.exp(z1 - m);
    const e2 = Math.exp(z2 - m);
    const s = e0 + e1 + e2;
    out[0] = e0 / s;
    out[1] = e1 / s;
    out[2] = e2 / s;
  }
  return {
    id,
    buckets,
    mask: buckets - 1,
    temperature,
    predict(f, out) {
      let z0 = b0;
      let z1 = b1;
      let z2 = b2;
      const { idx, val, n } = f;
      for (let i = 0; i < n; i++) {
        const o = idx[i]! * 3;
        const v = val[i]! * scale;
        z0 += weights[o]! * v;
        z1 += weights[o + 1]! * v;
        z2 += weights[o + 2]! * v;
      }
      finish(z0, z1, z2, f.dense, out);
    },
    predictRange(idx, from, to, d, out) {
      let z0 = 0;
      let z1 = 0;
      let z2 = 0;
      for (let i = from; i < to; i++) {
        const o = idx[i]! * 3;
        z0 += weights[o]!;
        z1 += weights[o + 1]!;
        z2 += weights[o + 2]!;
      }
      const v = to > from ? scale / Math.sqrt(to - from) : 0;
      finish(b0 + z0 * v, b1 + z1 * v, b2 + z2 * v, d, out);
    },
  };
}

/** Parses and validates a model file's text; throws {@link SentimentError} naming the problem. */
export function parseModel(json: string, source: string): LoadedModel {
  let m: ModelFile;
  try {
    m = JSON.parse(json) as ModelFile;
  } catch (error) {
    throw new SentimentError(`Sentiment model ${source} is not valid JSON; re-run \`npm run train\``, {
      cause: error,
    });
  }
  const buckets = m.buckets;
  const okShape =
    m.format === 1 &&
    typeof m.id === 'string' &&
    Number.isInteger(buckets) &&
    buckets > 0 &&
    (buckets & (buckets - 1)) === 0 &&
    Array.isArray(m.bias) &&
    m.bias.length === 3 &&
    Array.isArray(m.dense) &&
    m.dense.length === DENSE * 3 &&
    typeof m.weights === 'string' &&
    m.temperature > 0 &&
    m.scale > 0;
  if (!okShape) {
    throw new SentimentError(
      `Sentiment model ${source} has an unexpected shape (format 1 expected); re-run \`npm run train\``,
    );
  }
  const raw = Buffer.from(m.weights, 'base64');
  if (raw.length !== buckets * 3) {
    throw new SentimentError(
      `Sentiment model ${source} is truncated: ${raw.length} of ${buckets * 3} weight bytes`,
    );
  }
  const q = Int8Array.from(new Int8Array(raw.buffer, raw.byteOffset, raw.length));
  return makeModel(m.id, buckets, q, m.scale, m.dense, m.bias, m.temperature);
}

/** Loads the model file at `url` synchronously. */
export function loadModel(url: URL = DEFAULT_MODEL_URL): LoadedModel {
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch (error) {
    throw new SentimentError(
      `Sentiment model not found at ${url.pathname}; run \`npm run train\` to build it`,
      {
        cause: error,
      },
    );
  }
  return parseModel(text, url.pathname);
}

/** Short stable hash used in ids and versions. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}
