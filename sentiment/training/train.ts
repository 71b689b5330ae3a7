/**
 * `npm run train`: trains the English classifier on `<shared>/data/sentiment-train/` and writes
 * `sentiment/model/earshot-sentiment.json` (or the path given with `--out`). Deterministic: sorted
 * de-duplicated inputs, fixed seed, a fixed hash-based 5 % hold-out slice (softmax temperature, class offsets,
 * reported hold-out metrics). Never reads the DEV/eval folder `<shared>/data/sentiment/`, and drops the proxy
 * held-out brand-tweet sets (CrowdFlower Apple, Sanders) from the training data.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MODEL_URL } from '../model.js';
import { loadTrainingSet } from './train-sets.js';
import { trainModel, type TrainOptions } from './trainer.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = resolve(process.env.EARSHOT_SHARED_DIR ?? join(repoRoot, '..', 'shared'));
const trainDir = join(shared, 'data', 'sentiment-train');
if (!existsSync(trainDir)) {
  console.error(`Training data not found at ${trainDir}. Set EARSHOT_SHARED_DIR to the shared folder.`);
  process.exit(1);
}
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 && process.argv[outArg + 1] ? resolve(process.argv[outArg + 1]!) : DEFAULT_MODEL_URL;

// `--options '{"epochs":10}'` overrides hyper-parameters for experiments; the committed model uses none.
const optArg = process.argv.indexOf('--options');
const options = optArg > 0 ? (JSON.parse(process.argv[optArg + 1] ?? '{}') as Partial<TrainOptions>) : {};

const t0 = Date.now();
const { file, log } = trainModel(loadTrainingSet(trainDir), options, {
  command: 'npm run train',
  excluded: [
    'financial_phrasebank (non-commercial)',
    'sst5_stsa_fine (overlaps VADER movie DEV set)',
    'tweeteval_sentiment_val (duplicate of SemEval)',
    'crowdflower_apple_twitter_sentiment, sanders_twitter_corpus (proxy held-out eval)',
  ],
});
for (const line of log) console.log(line);
writeFileSync(out, JSON.stringify(file) + '\n');
const where = typeof out === 'string' ? out : out.pathname;
console.log(`wrote ${where} (${file.id}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
