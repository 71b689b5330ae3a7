/**
 * `npm run bench:sentiment`: throughput of the Earshot analyzer and of the natural AFINN baseline on one
 * core, for short posts and 2 KB reviews, plus model load time and resident memory. Prints figures only.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createAnalyzer, createBaselineAnalyzer } from '../sentiment/index.js';
import type { SentimentAnalyzer } from '../core/sentiment.js';

const SHORT = [
  '@acmeair the support team was useless, still waiting for my refund 😡',
  'Thanks @acme, the crew was amazing on my flight today! #happy',
  'My package arrived two days late and the box was damaged :(',
  'Is the app down for anyone else? Cannot log in since this morning',
  'Great price and fast delivery, would order again',
  'on hold for 2 hours... NOT impressed',
  'The new update is sooo good, love the dark mode',
  'flight delayed again, missed my connection. never flying with them again',
  'ok I guess, nothing special',
  'El servicio fue excelente, muy amable',
];

const REVIEW = (() => {
  const parts = [
    'I ordered the blender three weeks ago and it finally arrived yesterday.',
    'The box was slightly damaged but the product itself looked fine.',
    'Setting it up was easy, and the first smoothie came out great.',
    'However after two days the motor started making a grinding noise, which is very disappointing for the price.',
    'I contacted customer support and waited on hold for forty minutes before anyone answered.',
    'The agent was polite and offered a replacement, but shipping will take another two weeks.',
  ];
  let text = '';
  for (let i = 0; text.length < 2048; i++) text += parts[i % parts.length] + ' ';
  return text.slice(0, 2048);
})();

/** Docs per second of wall time and per second of this process's CPU time (fair on a shared machine). */
function run(analyzer: SentimentAnalyzer, texts: readonly string[], seconds: number): [number, number] {
  let n = 0;
  let sink = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i++) sink += analyzer.analyze(texts[(n + i) % texts.length]!).sentiment;
    n += 1000;
  }
  const wall = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (sink === Number.MAX_VALUE) console.log(sink);
  return [n / wall, n / ((cpu.user + cpu.system) / 1e6)];
}

const fmt = ([wall, cpu]: [number, number]): string =>
  `${Math.round(wall).toLocaleString('en-US')} docs/s wall, ${Math.round(cpu).toLocaleString('en-US')} docs/CPU-s`;

const t0 = performance.now();
const earshot = createAnalyzer();
const loadMs = performance.now() - t0;
const baseline = createBaselineAnalyzer();
run(earshot, SHORT, 0.5);
run(baseline, SHORT, 0.5);
console.log(`model load: ${loadMs.toFixed(0)} ms (${earshot.version})`);
console.log(`earshot  short posts: ${fmt(run(earshot, SHORT, 3))}`);
console.log(`earshot  2 KB reviews: ${fmt(run(earshot, [REVIEW], 3))}`);
console.log(`baseline short posts: ${fmt(run(baseline, SHORT, 3))} (natural AFINN)`);
console.log(`baseline 2 KB reviews: ${fmt(run(baseline, [REVIEW], 3))} (natural AFINN)`);
console.log(`RSS: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);

// `earshot score` as users run it: a new process reads 200k short posts (each made distinct by a number, as
// real posts are) on stdin and writes 200k JSON lines; process start, tsx and the model load included.
const POSTS = 200_000;
let input = '';
for (let i = 0; i < POSTS; i++) input += `${SHORT[i % SHORT.length]} ${i}\n`;
const cli = spawnSync(
  process.execPath,
  [fileURLToPath(new URL('../bin/earshot.js', import.meta.url)), 'score', '--stats'],
  { input, maxBuffer: 1 << 30, encoding: 'utf8' },
);
const stats = JSON.parse(cli.stderr.trim().split('\n').at(-1) ?? '{}') as {
  lines?: number;
  wallSeconds?: number;
  cpuSeconds?: number;
};
if (cli.status !== 0 || stats.lines !== POSTS) console.log(`earshot score failed: ${cli.stderr}`);
else
  console.log(
    `earshot score (${POSTS.toLocaleString('en-US')} short posts, new process): ` +
      fmt([POSTS / stats.wallSeconds!, POSTS / stats.cpuSeconds!]),
  );
