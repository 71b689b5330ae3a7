/**
 * `earshot rescore`: re-scores stored mentions whose scorer version differs from the current one (the
 * model changed, or a brand's sentiment overrides did). The worker starts this by itself when it sees a
 * new version; this command starts or re-attaches to it and shows progress.
 */
import type { Command } from 'commander';
import { rescoreWorkflowId } from '../../core/temporal-names.js';

interface RescoreOptions {
  config?: string;
  dataDir?: string;
  detach?: boolean;
}

export function registerRescoreCommand(program: Command): void {
  program
    .command('rescore')
    .description('re-score stored mentions with the current scorer version (resumable, with progress)')
    .option('-c, --config <file>', 'config file (brand overrides are part of the scorer version)')
    .option('--data-dir <dir>', 'data dir of the running `earshot up`')
    .option('--detach', 'start it and return without waiting')
    .action(async (opts: RescoreOptions) => {
      const { loadConfig } = await import('../config/load-config.js');
      const { resolveDataDir } = await import('../data-dir.js');
      const { withWorkflow } = await import('../running-temporal.js');
      const { runRead } = await import('../read-only-query.js');
      const { staleMentionCountQuery } = await import('../../storage/rescore.js');
      const { followWorkflow } = await import('../workflow-progress.js');
      const { createAnalyzer } = await import('../../sentiment/index.js');

      const { config } = loadConfig(opts.config);
      const version = createAnalyzer({
        brands: Object.fromEntries(config.brands.map((b) => [b.key, b.sentiment])),
      }).version;
      const count = await runRead(staleMentionCountQuery(version), opts.dataDir);
      if (count === 0) {
        console.log(`Every stored mention is already scored by ${version}.`);
        return;
      }
      const workflow = {
        type: 'rescoreWorkflow',
        id: rescoreWorkflowId(version),
        args: [{ scorerVersion: version }],
      };
      await withWorkflow(resolveDataDir(opts.dataDir, process.env), process.env, workflow, async (handle) => {
        console.error(
          `rescoring ${count} mention(s) to ${version} (${handle.workflowId}; Ctrl-C only detaches)`,
        );
        if (opts.detach) return;
        const rescored = await followWorkflow<number, { rescored: number; total: number }>(
          handle,
          'rescoreProgress',
          ' {bar} {percentage}% | {rescored}/{total} mentions',
          (p) => ({
            fraction: p.total ? p.rescored / p.total : 0,
            values: { rescored: p.rescored, total: p.total },
          }),
        );
        console.log(`rescoring done: ${rescored} mention(s) now scored by ${version}`);
      });
    });
}
