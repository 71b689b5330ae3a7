/**
 * `earshot label <source> <native_id> --brand <key> --as negative|neutral|positive [--aspect <id>=<label>]…`:
 * records a user correction of a stored mention (storage/corrections.ts). The mention's stored label and the
 * aggregates follow at once; the correction teaches the scorer (a new scorer version), and the rescoring
 * re-scores that brand's similar mentions. While `earshot up` (or a worker reachable through TEMPORAL_ADDRESS)
 * runs, the correction is recorded by its worker, which owns the store; otherwise the store is opened here.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { CORRECTED_LABELS, type CorrectedLabel, type CorrectionInput } from '../../core/correction.js';
import { ConfigError } from '../../core/errors.js';
import { ASPECTS } from '../../sentiment/index.js';
import { dataDirOption } from '../options.js';

interface LabelOptions {
  brand: string;
  as: string;
  aspect?: string[];
  by?: string;
  dataDir?: string;
}

function parseLabel(value: string, what: string): CorrectedLabel {
  const v = value.trim().toLowerCase();
  if (!(CORRECTED_LABELS as readonly string[]).includes(v))
    throw new ConfigError(`${what} "${value}" is not a label; use one of ${CORRECTED_LABELS.join(', ')}`);
  return v as CorrectedLabel;
}

/** `support=negative` pairs into aspect id → label, checking both. */
export function parseAspects(values: readonly string[] = []): Record<string, CorrectedLabel> {
  const out: Record<string, CorrectedLabel> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    const id = value.slice(0, eq).trim();
    if (eq < 0 || !ASPECTS.includes(id)) {
      throw new ConfigError(
        `--aspect "${value}" must be <aspect>=<label> with an aspect among ${ASPECTS.join(', ')}`,
      );
    }
    out[id] = parseLabel(value.slice(eq + 1), `--aspect ${id}`);
  }
  return out;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Registers `earshot label`. */
export function registerLabelCommand(program: Command): void {
  program
    .command('label')
    .description("correct a stored mention's sentiment (teaches the scorer for that brand)")
    .argument('<source>', 'source id of the mention (sources[].id), or its connector type')
    .argument('<native_id>', "the mention's id on its source")
    .requiredOption('-b, --brand <key>', 'brand key of the mention row')
    .requiredOption('--as <label>', `corrected label: ${CORRECTED_LABELS.join(' | ')}`)
    .option('--aspect <id=label>', 'corrected aspect label, e.g. support=negative (repeatable)', collect)
    .option('--by <name>', 'who corrects (default cli:<your OS user name>)')
    .addOption(dataDirOption())
    .action(async (source: string, nativeId: string, opts: LabelOptions) => {
      const input: CorrectionInput = {
        source,
        native_id: nativeId,
        brand: opts.brand,
        label: parseLabel(opts.as, '--as'),
        aspects: parseAspects(opts.aspect),
        by: opts.by ?? `cli:${userInfo().username}`,
        via: 'cli',
      };
      const { resolveDataDir } = await import('../data-dir.js');
      const dataDir = resolveDataDir(opts.dataDir, process.env);
      const { runningTemporal } = await import('../running-temporal.js');
      let viaWorker = true;
      try {
        runningTemporal(dataDir, process.env);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        viaWorker = false;
      }
      const line = (from: string, to: string): string =>
        `${input.source}/${input.native_id} (brand ${input.brand}): ${from} → ${to}, by ${input.by}`;
      if (viaWorker) {
        const { withWorkflow } = await import('../running-temporal.js');
        const { correctionWorkflow } = await import('../../workflows/index.js');
        const result = await withWorkflow(
          dataDir,
          process.env,
          {
            workflow: correctionWorkflow,
            id: `label:${input.brand}:${input.source}:${input.native_id}:${Date.now()}`,
            args: [input],
          },
          (handle) => handle.result(),
        ).catch((error: unknown) => {
          // The workflow's failure wraps the activity's: show the cause (unknown mention…), not the wrapper.
          let cause: unknown = error;
          while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
          throw new ConfigError(cause instanceof Error ? cause.message : String(cause));
        });
        console.log(line(result.oldLabel, result.newLabel));
        console.log(`scorer version now ${result.scorerVersion}; rescoring runs in the background`);
        return;
      }
      const { pino } = await import('pino');
      const { createStore } = await import('../../storage/client.js');
      const { migrate } = await import('../../storage/migrations/index.js');
      const { recordCorrection } = await import('../../storage/corrections.js');
      const { storeOptionsFromEnv } = await import('../store-options.js');
      const logger = pino({ level: process.env.EARSHOT_LOG_LEVEL ?? 'warn' }, pino.destination(2));
      const store = await createStore(storeOptionsFromEnv(process.env, dataDir), logger);
      try {
        await migrate(store);
        const { before, after } = await recordCorrection(store, input);
        console.log(line(before.label, after.label));
        console.log(
          'the scorer learns it when the worker next starts (earshot up / worker), which rescoring then applies',
        );
      } finally {
        await store.close();
      }
    });
}
