/**
 * Resolves configured sources into live connectors: definition from the registry, options validated by
 * the connector's schema, credentials read from the environment variables the config names. A problem
 * confined to one source (missing credential variable, invalid options, unknown type) does not stop the
 * others: that source gets a connector that fails every poll with the problem and its fix, so it shows
 * in `earshot status` while the rest keep running.
 */
import type { Connector, ConnectorDefinition } from '../core/connector.js';
import type { Brand, SourceConfig } from '../core/config/index.js';
import { formatConfigPath } from '../core/config/index.js';
import { ConnectorConfigError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { ResolvedSource } from '../activities/ports.js';
import { getConnectorDefinition } from '../connectors/registry.js';
import { brandAccounts, brandQueryText } from './brand-queries.js';

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
    else if (spec.required)
      missing.push(
        variable
          ? `environment variable ${variable} (${spec.key}) is not set`
          : `credentials.${spec.key} (${spec.description}) is not configured`,
      );
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
    brands: brands.map((b) => ({
      key: b.key,
      name: b.name,
      query: brandQueryText(b),
      accounts: brandAccounts(b, source.type),
    })),
    logger: logger.child({ source: source.id }),
    now,
  };
  return {
    connector: definition.create(ctx),
    backfill: definition.createBackfill ? (range) => definition.createBackfill!(ctx, range) : undefined,
  };
}

/** The request cap of `source`: its config's, else its connector's default, else 1 a second. */
export function requestsPerSecond(source: SourceConfig): number {
  return (
    source.maxRequestsPerSecond ??
    getConnectorDefinition(source.type, source.id).defaultRequestsPerSecond ??
    1
  );
}

/**
 * A pacer for `perSecond` requests a second: each call resolves no sooner than `1 / perSecond` s after the
 * one before it was let through (the first at once). One per source in a worker, so a batch of many pages,
 * a backfill and the read-ahead together keep to the source's cap. Across workers, the source's task
 * queue bounds how many batches start per second.
 */
export function createPacer(
  perSecond: number,
  now: () => number = Date.now,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): () => Promise<void> {
  const gap = 1000 / perSecond;
  let next = -Infinity;
  return async () => {
    const at = Math.max(now(), next);
    next = at + gap;
    const wait = at - now();
    if (wait > 0) await sleep(wait);
  };
}
