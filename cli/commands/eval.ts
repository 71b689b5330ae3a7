/**
 * `earshot eval`: scores every labeled file of the DEV/eval folder with Earshot and with the natural AFINN
 * baseline, and prints accuracy, macro-F1, per-class recall and binary accuracy per set and overall.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createAnalyzer, createBaselineAnalyzer } from '../../sentiment/index.js';
import { loadEvalSets } from '../../sentiment/eval/dev-sets.js';
import { evaluate, type EvalMetrics, type EvalReport } from '../../sentiment/eval/run.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Default eval folder: `$EARSHOT_SHARED_DIR/data/sentiment`, the shared folder defaulting to `../shared`. */
function defaultDataDir(): string {
  return join(resolve(process.env.EARSHOT_SHARED_DIR ?? join(repoRoot, '..', 'shared')), 'data', 'sentiment');
}

const pct = (x: number): string => (Number.isNaN(x) ? '   -' : (x * 100).toFixed(1).padStart(5));

function row(name: string, n: number, e: EvalMetrics, b: EvalMetrics): string {
  const r = e.recall.map(pct).join(' ');
  return [
    name.padEnd(58),
    String(n).padStart(6),
    pct(e.accuracy),
    pct(e.macroF1),
    r,
    pct(e.binaryAccuracy),
    '|',
    pct(b.accuracy),
    pct(b.macroF1),
    pct(b.binaryAccuracy),
  ].join(' ');
}

/** Renders the report as a fixed-width table (percentages). */
export function formatReport(report: EvalReport): string {
  const header = [
    'set'.padEnd(58),
    '     n',
    '  acc',
    '   F1',
    'R-neg R-neu R-pos',
    '  bin',
    '|',
    'b-acc',
    ' b-F1',
    'b-bin',
  ].join(' ');
  const lines = ['Earshot (acc, macro-F1, recall neg/neu/pos, binary acc) | natural AFINN baseline', header];
  for (const s of report.sets)
    lines.push(row(s.name, s.results.earshot!.n, s.results.earshot!, s.results.baseline!));
  const o = report.overall;
  lines.push(row('ALL (pooled, lang en)', o.earshot!.n, o.earshot!, o.baseline!));
  lines.push(`unscored by Earshot (counted as neutral): ${o.earshot!.unscored} of ${o.earshot!.n}`);
  return lines.join('\n');
}

/** Registers `earshot eval`. */
export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('evaluate the sentiment engine and the natural AFINN baseline on the labeled DEV/eval sets')
    .option(
      '--data <dir>',
      'folder of labeled sets (default: <shared>/data/sentiment, shared = $EARSHOT_SHARED_DIR or ../shared)',
    )
    .option('--json', 'print the report as JSON')
    .action((opts: { data?: string; json?: boolean }) => {
      const dir = resolve(opts.data ?? defaultDataDir());
      if (!existsSync(dir)) {
        throw new Error(
          `Labeled data not found at ${dir}; pass --data <dir> or set EARSHOT_SHARED_DIR to the shared folder`,
        );
      }
      const sets = loadEvalSets(dir);
      if (sets.length === 0)
        throw new Error(`No labeled files recognised under ${dir} (see its README for formats)`);
      const report = evaluate(sets, { earshot: createAnalyzer(), baseline: createBaselineAnalyzer() });
      console.log(opts.json ? JSON.stringify(report, null, 2) : formatReport(report));
    });
}
