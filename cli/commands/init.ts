/** `earshot init`: writes a commented example `earshot.config.yaml`. */
import { copyFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE, EXAMPLE_CONFIG_PATH } from '../config/load-config.js';

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description(`write a commented example ${DEFAULT_CONFIG_FILE} in the current directory`)
    .option('--path <file>', 'where to write it', DEFAULT_CONFIG_FILE)
    .option('--force', 'overwrite an existing file')
    .action((opts: { path: string; force?: boolean }) => {
      const target = resolve(opts.path);
      if (existsSync(target) && !opts.force) {
        throw new Error(`${target} already exists; pass --force to overwrite it`);
      }
      copyFileSync(EXAMPLE_CONFIG_PATH, target);
      console.log(`Wrote ${target}. Edit brands and sources, then run "earshot up".`);
    });
}
