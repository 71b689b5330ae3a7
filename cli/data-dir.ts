/** Where Earshot keeps its local data: `--data-dir`, else $EARSHOT_DATA_DIR, else ./.earshot/data. */
import { resolve } from 'node:path';

/** Resolves the data directory for CLI commands. */
export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): string {
  return resolve(cwd, flag ?? env.EARSHOT_DATA_DIR ?? '.earshot/data');
}
