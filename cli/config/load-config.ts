/**
 * Finds and loads the config for a CLI command: `--config <file>`, else `./earshot.config.yaml`,
 * else the built-in example (demo source), reporting which one was used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EarshotConfig } from '../../core/config/index.js';
import { parseConfigText } from '../../core/config/index.js';
import { ConfigError } from '../../core/errors.js';
import { validateBrandQueries } from '../../worker/brand-queries.js';

/** The commented example written by `earshot init` and used when no config exists. */
export const EXAMPLE_CONFIG_PATH = fileURLToPath(new URL('./earshot.example.yaml', import.meta.url));

/** Default config file name, looked up in the current directory. */
export const DEFAULT_CONFIG_FILE = 'earshot.config.yaml';

/** A loaded config and where it came from. */
export interface LoadedConfig {
  config: EarshotConfig;
  /** File path, or `built-in demo config`. */
  origin: string;
  builtIn: boolean;
}

/**
 * Loads the config named by `explicitPath`, or the default file, or the built-in demo.
 * @throws ConfigError when the named file is missing or invalid (every problem listed with its line).
 */
export function loadConfig(explicitPath?: string, cwd = process.cwd()): LoadedConfig {
  const loaded = readConfig(explicitPath, cwd);
  validateBrandQueries(loaded.config);
  return loaded;
}

function readConfig(explicitPath: string | undefined, cwd: string): LoadedConfig {
  if (explicitPath) {
    const path = resolve(cwd, explicitPath);
    if (!existsSync(path)) {
      throw new ConfigError(
        `Config file ${path} does not exist; create one with "earshot init" or fix --config`,
      );
    }
    return { config: parseConfigText(readFileSync(path, 'utf8'), path), origin: path, builtIn: false };
  }
  const path = resolve(cwd, DEFAULT_CONFIG_FILE);
  if (existsSync(path)) {
    return { config: parseConfigText(readFileSync(path, 'utf8'), path), origin: path, builtIn: false };
  }
  return {
    config: parseConfigText(readFileSync(EXAMPLE_CONFIG_PATH, 'utf8'), 'built-in demo config'),
    origin: 'built-in demo config',
    builtIn: true,
  };
}
