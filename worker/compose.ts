/**
 * Wires the libraries into the activities' dependencies: each configured source becomes a live
 * connector with its brands' compiled matchers; the scorer gets every brand's overrides; the store
 * adapter maps storage functions onto the activities' ports.
 *
 * A problem confined to one source (missing credential variable, invalid options, unknown type) does
 * not stop the others: that source gets a connector that fails every poll with the problem and its
 * fix, so it shows in `earshot status` while the rest keep running.
 */
import type { Connector, ConnectorDefinition } from '../core/connector.js';
import type { Brand, EarshotConfig, SourceConfig } from '../core/config.js';
import { formatConfigPath } from '../core/config-file.js';
import { ConfigError, ConnectorConfigError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { ActivityDeps } from '../activities/index.js';
import type { ResolvedSource } from '../activities/ports.js';
import { compileMatcher, keywordsToQuery, parseQuery, QuerySyntaxError } from '../connectors/query/index.js';
import { getConnectorDefinition } from '../connectors/registry.js';
import { createAnalyzer } from '../sentiment/index.js';
import type { Store } from '../storage/client.js';
import { loadCursor, saveCursor } from '../storage/cursors.js';
import { upsertMentions } from '../storage/mentions.js';
import { countStaleMentions, selectStaleMentions } from '../storage/rescore.js';
import { recordIngestRun } from '../storage/runs.js';
import { createStoryAssigner } from './stories.js';

/** The query text of a brand: its `query`, or its keywords compiled to one. */
export const brandQueryText = (brand: Brand): string => brand.query ?? keywordsToQuery(brand.keywords);

/**
 * Checks every brand's query, so syntax errors stop start-up with the column that is wrong.
 * @throws ConfigError
 */
export function validateBrandQueries(config: EarshotConfig): void {
  const problems: string[] = [];
  config.brands.forEach((brand, i) => {
    try {
      parseQuery(brandQueryText(brand));
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      problems.push(`${formatConfigPath(['brands', i, brand.query ? 'query' : 'keywords'])}: ${error.message}`);
    }
  });
  if (problems.length) throw new ConfigError('Invalid brand query', problems);
}

/** A connector that fails every poll with `error`: the source is visibly broken, the others run. */
function brokenConnector(error: Error): Connector {
  return {
    async check() {
      return { ok: false, error: error.message };
    },
    async fetchPage() {
      throw error;
    },
  };
}

/** Builds the live connector of one source, or a broken one naming the problem and its fix. */
export function createSourceConnector(
  source: SourceConfig,
  brands: Brand[],
  env: NodeJS.ProcessEnv,
  logger: Logger,
  now: () => number,
): Pick<ResolvedSource, 'connector' | 'backfill'> {
  let definition: ConnectorDefinition;
  try {
    definition = getConnectorDefinition(source.type, source.id);
  } catch (error) {
    return { connector: brokenConnector(error as Error) };
  }
  const parsed = definition.optionsSchema.safeParse(source.options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `options.${formatConfigPath(issue.path as PropertyKey[])}: ${issue.message}`,
    );
    return {
      connector: brokenConnector(
        new ConnectorConfigError(
          `Invalid options for source "${source.id}" (${source.type}): ${problems.join('; ')} — see docs/connectors/${source.type}.md`,
          source.id,
        ),
      ),
    };
  }
  const credentials: Record<string, string> = {};
  const missing: string[] = [];
  for (const spec of definition.credentials) {
    const variable = source.credentials[spec.key];
    const value = variable ? env[variable] : undefined;
    if (value) credentials[spec.key] = value;
    else if (spec.required) missing.push(variable ? `environment variable ${variable} (${spec.key}) is not set` : `credentials.${spec.key} (${spec.description}) is not configured`);
  }
  if (missing.length) {
    return {
      connector: brokenConnector(
        new ConnectorConfigError(
          `Source "${source.id}" (${source.type}) is missing credentials: ${missing.join('; ')}. Set them and restart.`,
          source.id,
        ),
      ),
    };
  }
  const ctx = {
    sourceId: source.id,
    options: parsed.data,
    credentials,
    brands: brands.map((b) => ({ key: b.key, name: b.name, query: brandQueryText(b) })),
    logger: logger.child({ source: source.id }),
    now,
  };
  return {
    connector: definition.create(ctx),
    backfill: definition.createBackfill ? (range) => definition.createBackfill!(ctx, range) : undefined,
  };
}

/** Options for `composeActivityDeps`. */
export interface ComposeOptions {
  config: EarshotConfig;
  env: NodeJS.ProcessEnv;
  store: Store;
  logger: Logger;
  now?: () => number;
}

/** Resolves every enabled source and wires the activities' dependencies. */
export async function composeActivityDeps(options: ComposeOptions): Promise<ActivityDeps> {
  const { config, env, store, logger } = options;
  const now = options.now ?? Date.now;
  validateBrandQueries(config);
  const brandsByKey = new Map(config.brands.map((b) => [b.key, b]));

  const sources = new Map<string, ResolvedSource>();
  for (const source of config.sources.filter((s) => s.enabled)) {
    const brands = source.brands.map((key) => brandsByKey.get(key)!);
    sources.set(source.id, {
      config: source,
      ...createSourceConnector(source, brands, env, logger, now),
      brands: brands.map((b) => ({ key: b.key, matches: compileMatcher(brandQueryText(b)) })),
    });
  }

  const analyzer = createAnalyzer({
    brands: Object.fromEntries(config.brands.map((b) => [b.key, b.sentiment])),
  });
  const stories = await createStoryAssigner(store, logger);
  const sourceConfigs = new Map(config.sources.map((s) => [s.id, s]));

  return {
    sources,
    analyzer,
    stories,
    logger,
    now,
    store: {
      loadCursor: (key) => loadCursor(store, key),
      saveCursor: (key, cursor) => saveCursor(store, key, cursor),
      async upsertMentions(mentions) {
        const result = await upsertMentions(store, mentions);
        return { new: result.inserted, updated: result.updated, unchanged: result.unchanged };
      },
      recordIngestRun: (run) =>
        recordIngestRun(store, {
          ...run,
          source: sourceConfigs.get(run.sourceId)?.type ?? 'unknown',
          brands: sourceConfigs.get(run.sourceId)?.brands ?? [],
          errors: run.status === 'failed' ? 1 : 0,
        }),
      countStaleMentions: (version) => countStaleMentions(store, version),
      selectStaleMentions: (version, after, limit) => selectStaleMentions(store, version, after, limit),
    },
  };
}
