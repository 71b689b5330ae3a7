/** Options several commands share, declared once so their flags and help read the same everywhere. */
import { Option } from 'commander';

/** `-c, --config <file>`; `help` says where the config comes from for this command. */
export function configOption(
  help = 'config file (default ./earshot.config.yaml, else the built-in demo)',
): Option {
  return new Option('-c, --config <file>', help);
}

/** `--data-dir <dir>`; `help` says which data dir this command means. */
export function dataDirOption(
  help = 'where data lives (default $EARSHOT_DATA_DIR or ./.earshot/data)',
): Option {
  return new Option('--data-dir <dir>', help);
}

/** Help of `--data-dir` for commands that talk to a running `earshot up`. */
export const RUNNING_UP_DATA_DIR = 'data dir of the running `earshot up`';
