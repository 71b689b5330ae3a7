/**
 * `earshot eval`: scores every labeled file of the DEV/eval folder, and the proxy held-out brand-tweet sets of
 * the training folder (never trained on), with Earshot and with the natural AFINN baseline, and prints
 * accuracy, macro-F1, per-class recall and binary accuracy per set, pooled per group.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { createAnalyzer, createBaselineAnalyzer } from '../../sentiment/index.js';
import { loadEvalSets } from '../../sentiment/eval/dev-sets.js';
import { loadProxySets } from '../../sentiment/eval/proxy-sets.js';
import { evaluate, type EvalMetrics, type EvalReport } from '../../sentiment/eval/run.js';
import {
  evaluateAspects,
  loadAspectSets,
  loadCustomerServiceSets,
  type AspectReport,
} from '../../sentiment/eval/customer-service.js';
import { padEndColumns } from '../text-table.js';
import { dataDirOption } from '../options.js';
import {
  evaluateCorrections,
  readCorrectionsFile,
  type BrandCorrection,
} from '../../sentiment/eval/corrections.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** `$EARSHOT_SHARED_DIR/data/<name>`, the shared folder defaulting to `../shared`. */
function sharedData(name: string): string {
  return join(resolve(process.env.EARSHOT_SHARED_DIR ?? join(repoRoot, '..', 'shared')), 'data', name);
}

const pct = (x: number): string => (Number.isNaN(x) ? '   -' : (x * 100).toFixed(1).padStart(5));

function row(name: string, n: number, e: EvalMetrics, b: EvalMetrics): string {
  const r = e.recall.map(pct).join(' ');
  return [
    padEndColumns(name, 58),
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

/** The two reports `earshot eval` prints: DEV sets, and proxy held-out sets (absent without the folder). */
export interface EvalReports {
  /** Earshot's own customer-service sets (sentiment/data/dev), never trained on. */
  customerService?: EvalReport | undefined;
  aspects?: AspectReport[] | undefined;
  dev: EvalReport;
  proxy?: EvalReport | undefined;
}

function section(lines: string[], report: EvalReport, pooled?: string): void {
  for (const s of report.sets)
    lines.push(row(s.name, s.results.earshot!.n, s.results.earshot!, s.results.baseline!));
  const o = report.overall;
  // The proxy sets overlap (Apple twice), so they get no pooled row.
  if (pooled) lines.push(row(pooled, o.earshot!.n, o.earshot!, o.baseline!));
  lines.push(`unscored by Earshot (counted as neutral): ${o.earshot!.unscored} of ${o.earshot!.n}`);
}

/** Aspect table: per aspect, recall and precision of a negative detection, then the averages. */
function formatAspects(a: AspectReport): string[] {
  const lines = [
    `ASPECTS ${a.name} (n ${a.n}; hit = gold aspect found with a negative score)`,
    `${'aspect'.padEnd(12)} ${'n'.padStart(4)} ${'recall'.padStart(6)} ${'prec'.padStart(6)}`,
  ];
  for (const m of a.perAspect)
    lines.push(
      `${m.aspect.padEnd(12)} ${String(m.support).padStart(4)} ${pct(m.recall)}  ${pct(m.precision)}`,
    );
  lines.push(`all aspects recall ${pct(a.recall).trim()}, aspects per tweet ${a.avgAspects.toFixed(2)}`);
  return lines;
}

/** Renders the reports as fixed-width tables (percentages). */
export function formatReport(reports: EvalReports): string {
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
  if (reports.customerService && reports.customerService.sets.length > 0) {
    lines.push(
      'CUSTOMER-SERVICE sets (sentiment/data/dev, written by us; -dev tuned on, -test reported only)',
    );
    section(lines, reports.customerService);
    lines.push('');
  }
  lines.push('DEV sets (data/sentiment, never trained or tuned on)');
  section(lines, reports.dev, 'ALL DEV (pooled, lang en)');
  if (reports.proxy && reports.proxy.sets.length > 0) {
    lines.push('');
    lines.push('PROXY held-out: brand tweets, excluded from training (data/sentiment-train)');
    section(lines, reports.proxy);
  }
  for (const a of reports.aspects ?? []) lines.push('', ...formatAspects(a));
  return lines.join('\n');
}

interface EvalOptions {
  data?: string;
  trainData?: string;
  proxy: boolean;
  model?: string;
  json?: boolean;
  corrections?: string | true;
  dataDir?: string;
}

/** `earshot eval --corrections [file]`: taught vs untaught on the held-back corrections. */
async function evalCorrections(source: string | true, opts: EvalOptions): Promise<void> {
  let corrections: BrandCorrection[];
  if (source === true) {
    const { runRead } = await import('../read-only-query.js');
    const { correctionsQuery } = await import('../../storage/corrections.js');
    const stored = await runRead(correctionsQuery(), opts.dataDir);
    corrections = stored.map((c) => ({
      brand: c.brand,
      label: c.new_label,
      text: c.text,
      aspects: c.new_aspects,
    }));
  } else corrections = readCorrectionsFile(resolve(source));
  if (corrections.length === 0) {
    throw new Error('No corrections to evaluate: record some with `earshot label`, or pass a file');
  }
  const modelUrl = opts.model ? pathToFileURL(resolve(opts.model)) : undefined;
  const report = evaluateCorrections(corrections, createAnalyzer(modelUrl ? { modelUrl } : {}), (byBrand) =>
    createAnalyzer({ ...(modelUrl ? { modelUrl } : {}), corrections: byBrand }),
  );
  if (opts.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  console.log(
    `corrections: ${report.taught} taught, ${report.heldBack} held back (every 4th by text), ${report.brands} brand(s)`,
  );
  console.log(
    `held back, untaught:  accuracy ${pct(report.before.accuracy)}  macro-F1 ${pct(report.before.macroF1)}`,
  );
  console.log(
    `held back, taught:    accuracy ${pct(report.after.accuracy)}  macro-F1 ${pct(report.after.macroF1)}`,
  );
}

/** Registers `earshot eval`. */
export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description(
      'evaluate the sentiment engine and the natural AFINN baseline on the DEV sets and the proxy held-out brand tweets',
    )
    .option(
      '--data <dir>',
      'folder of labeled DEV sets (default: <shared>/data/sentiment, shared = $EARSHOT_SHARED_DIR or ../shared)',
    )
    .option(
      '--train-data <dir>',
      'training folder holding the proxy held-out sets (default: <shared>/data/sentiment-train)',
    )
    .option('--no-proxy', 'skip the proxy held-out sets')
    .option('--model <file>', 'model file to evaluate instead of the committed one')
    .option('--json', 'print the reports as JSON')
    .option(
      '--corrections [file]',
      'only measure what user corrections teach, on a held-back quarter of them: the stored corrections ' +
        '(--data-dir) or a "brand<TAB>label<TAB>text" file',
    )
    .addOption(dataDirOption())
    .action(async (opts: EvalOptions) => {
      if (opts.corrections !== undefined) {
        await evalCorrections(opts.corrections, opts);
        return;
      }
      const dir = resolve(opts.data ?? sharedData('sentiment'));
      if (!existsSync(dir)) {
        throw new Error(
          `Labeled data not found at ${dir}; pass --data <dir> or set EARSHOT_SHARED_DIR to the shared folder`,
        );
      }
      const sets = loadEvalSets(dir);
      if (sets.length === 0)
        throw new Error(`No labeled files recognised under ${dir} (see its README for formats)`);
      const modelUrl = opts.model ? pathToFileURL(resolve(opts.model)) : undefined;
      const analyzers = {
        earshot: createAnalyzer(modelUrl ? { modelUrl } : {}),
        baseline: createBaselineAnalyzer(),
      };
      const trainDir = resolve(opts.trainData ?? sharedData('sentiment-train'));
      const proxySets = opts.proxy && existsSync(trainDir) ? loadProxySets(trainDir) : [];
      const reports: EvalReports = {
        customerService: evaluate(loadCustomerServiceSets(), analyzers),
        aspects: evaluateAspects(loadAspectSets(), analyzers.earshot),
        dev: evaluate(sets, analyzers),
        proxy: proxySets.length > 0 ? evaluate(proxySets, analyzers) : undefined,
      };
      console.log(opts.json ? JSON.stringify(reports, null, 2) : formatReport(reports));
    });
}
