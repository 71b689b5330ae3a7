/**
 * Wires the libraries into the activities' dependencies: each configured source becomes a live
 * connector (worker/sources.ts) with its brands' compiled matchers; the scorer gets every brand's
 * overrides; the store adapter maps storage functions onto the activities' ports.
 */
import type { EarshotConfig } from '../core/config/index.js';
import type { Logger } from '../core/logger.js';
import { dashboardPublishing, type ActivityDeps } from '../activities/index.js';
import type { ResolvedSource } from '../activities/ports.js';
import { compileMatcher } from '../matching/index.js';
import type { Store } from '../storage/client.js';
import { loadCursor, saveCursor } from '../storage/cursors.js';
import { CareMentionBatch, upsertCareMentions } from '../storage/care-records.js';
import { countStaleMentions, rescoreStaleMentions } from '../storage/rescore.js';
import { recordIngestRun } from '../storage/runs.js';
import { listCorrections, recordCorrection } from '../storage/corrections.js';
import { createScorer } from './scorer.js';
import { composeAlertDeps } from './alerts.js';
import { composeDigestDeps } from './reports.js';
import { brandAccounts, brandQueryText, ownsAuthor, validateBrandQueries } from './brand-queries.js';
import { createPacer, createSourceConnector, requestsPerSecond } from './sources.js';
import { createStoryAssigner } from './stories.js';
import { ReadAhead } from '../activities/read-ahead.js';

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
      pace: createPacer(requestsPerSecond(source)),
      brands: brands.map((b) => ({
        key: b.key,
        matches: compileMatcher(brandQueryText(b)),
        ownsAuthor: ownsAuthor(brandAccounts(b, source.type)),
      })),
    });
  }

  // Taught by the stored user corrections; re-taught after each new one (relearnCorrections).
  const analyzer = createScorer(config, await listCorrections(store));
  const stories = await createStoryAssigner(store, logger);
  const sourceConfigs = new Map(config.sources.map((s) => [s.id, s]));

  const deps: ActivityDeps = {
    ...composeAlertDeps(config, env, store, logger, now),
    ...composeDigestDeps(config, env, store, logger),
    sources,
    analyzer,
    // Built once per worker; the token and password are read here (libraries do not read the environment).
    dashboards: dashboardPublishing(config, {
      token: env[config.grafana.tokenEnv],
      datasourcePassword: env[config.grafana.datasource.passwordEnv],
    }),
    stories,
    now,
    // Batch n+1 of a source is scored while batch n is stored (docs/performance.md).
    readAhead: new ReadAhead(),
    store: {
      loadCursor: (key) => loadCursor(store, key),
      saveCursor: (key, cursor) => saveCursor(store, key, cursor),
      // Survey responses and tickets also keep their service fields (survey_responses, tickets).
      upsertMentions: (mentions) => upsertCareMentions(store, mentions),
      createBatch: () => new CareMentionBatch(store),
      recordIngestRun: (run) =>
        recordIngestRun(store, {
          ...run,
          source: sourceConfigs.get(run.sourceId)?.type ?? 'unknown',
          brands: sourceConfigs.get(run.sourceId)?.brands ?? [],
          errors: run.status === 'failed' ? 1 : 0,
        }),
      countStaleMentions: (version) => countStaleMentions(store, version),
      rescoreStaleMentions: (request, rescore, progress) =>
        rescoreStaleMentions(store, request, rescore, progress),
      recordCorrection: (input) => recordCorrection(store, input),
    },
    relearnCorrections: async () => {
      deps.analyzer = createScorer(config, await listCorrections(store));
      return deps.analyzer.version;
    },
  };
  return deps;
}
