/**
 * `earshot rescore`: re-scores stored mentions whose scorer version differs from the current one (the
 * model changed, or a brand's sentiment overrides did). The worker starts this by itself when it sees a
 * new version; this command starts or re-attaches to it and shows progress.
 */
import type { Command } from 'commander';
import { rescoreWorkflowId } from '../../core/temporal-names.js';
import { RUNNING_UP_DATA_DIR, configOption, dataDirOption } from '../options.js';

interface RescoreOptions {
  config?: string;
  dataDir?: string;
  detach?: boolean;
}

/** Registers `earshot rescore`. */
export function registerRescoreCommand(program: Command): void {
  program
    .command('rescore')
    .description('re-score stored mentions with the current scorer version (resumable, with progress)')
    .addOption(configOption('config file (brand overrides are part of the scorer version)'))
    .addOption(dataDirOption(RUNNING_UP_DATA_DIR))
    .option('--detach', 'start it and return without waiting')
    .action(async (opts: RescoreOptions) => {
      const { loadConfig } = await import('../config/load-config.js');
      const { runRead } = await import('../read-only-query.js');
      const { staleMentionCountQuery } = await import('../../storage/rescore.js');
      const { runWorkflowCommand } = await import('../workflow-progress.js');
      const { rescoreProgressQuery, rescoreWorkflow } = await import('../../workflows/index.js');
      const { correctionsQuery } = await import('../../storage/corrections.js');
      const { createScorer } = await import('../../worker/scorer.js');

      const { config } = loadConfig(opts.config);
      // The worker's scorer: config overrides plus the stored user corrections (same version).
      const version = createScorer(config, await runRead(correctionsQuery(), opts.dataDir)).version;
      const count = await runRead(staleMentionCountQuery(version), opts.dataDir);
      if (count === 0) {
        console.log(`Every stored mention is already scored by ${version}.`);
        return;
      }
      await runWorkflowCommand({
        dataDir: opts.dataDir,
        detach: opts.detach,
        start: {
          workflow: rescoreWorkflow,
          id: rescoreWorkflowId(version),
          args: [{ scorerVersion: version }],
        },
        started: (handle) =>
          `rescoring ${count} mention(s) to ${version} (${handle.workflowId}; Ctrl-C only detaches)`,
        progress: {
          query: rescoreProgressQuery,
          format: ' {bar} {percentage}% | {rescored}/{total} mentions',
          read: (p) => ({
            fraction: p.total ? p.rescored / p.total : 0,
            values: { rescored: p.rescored, total: p.total },
          }),
        },
        done: (rescored) => `rescoring done: ${rescored} mention(s) now scored by ${version}`,
      });
    });
}
