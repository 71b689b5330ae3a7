/**
 * Composition of the inbound survey webhooks: one route per enabled `survey-webhook` source, for the
 * process's HTTP host (`earshot up`). A delivery goes through the same path as polled records: attributed
 * to its brand and scored by the ingest code (`toMentions`, the worker's scorer and story index), then
 * stored by `upsertCareMentions`, and only then acknowledged. Storing straight from the route (rather
 * than through an inbox table drained by a workflow) keeps one durable write and a 2xx that means
 * "stored"; the store's in-process mutex serializes it with the worker's writes of the same process.
 */
import type { EarshotConfig } from '../core/config/index.js';
import type { Logger } from '../core/logger.js';
import { toMentions } from '../activities/ingest-page.js';
import {
  SurveyWebhookOptionsSchema,
  surveyWebhookPath,
  surveyWebhookRoute,
} from '../connectors/survey-webhook/index.js';
import type { HostRoute } from '../platform/http-host/index.js';
import type { Store } from '../storage/client.js';
import { upsertCareMentions } from '../storage/care-records.js';
import { composeActivityDeps } from './compose.js';

/** Options of `surveyWebhookRoutes`. */
export interface SurveyWebhookComposition {
  config: EarshotConfig;
  store: Store;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  now?: () => number;
}

/** The routes of the config's survey webhooks (none when it has no enabled `survey-webhook` source). */
export async function surveyWebhookRoutes(options: SurveyWebhookComposition): Promise<HostRoute[]> {
  const { config, env, store, logger } = options;
  const hooks = config.sources.filter((s) => s.enabled && s.type === 'survey-webhook');
  if (hooks.length === 0) return [];
  const now = options.now ?? Date.now;
  const deps = await composeActivityDeps({ config, env, store, logger, now });
  const routes: HostRoute[] = [];
  for (const source of hooks) {
    const parsed = SurveyWebhookOptionsSchema.safeParse(source.options);
    const resolved = deps.sources.get(source.id);
    if (!parsed.success || !resolved) {
      // The source's scheduled connector reports the invalid options in `earshot status`.
      logger.error(
        { source: source.id },
        `survey webhook ${source.id} has invalid options; its route is not served`,
      );
      continue;
    }
    const variable = source.credentials.secret ?? '(credentials.secret)';
    const brands = config.brands
      .filter((b) => source.brands.includes(b.key))
      .map((b) => ({ key: b.key, name: b.name, query: '' }));
    routes.push(
      surveyWebhookRoute({
        sourceId: source.id,
        secret: source.credentials.secret ? env[source.credentials.secret] : undefined,
        secretVariable: variable,
        mapping: {
          source: 'survey-webhook',
          survey: parsed.data.survey,
          brandValues: parsed.data.brandValues,
          responseUrl: parsed.data.responseUrl,
          brands,
        },
        toleranceMs: parsed.data.toleranceSeconds * 1000,
        now,
        accept: async (fetched) => {
          const { mentions, unmatched } = toMentions(deps, resolved, fetched);
          if (unmatched > 0) throw new Error(`${unmatched} responses matched no brand of ${source.id}`);
          return upsertCareMentions(store, mentions);
        },
      }),
    );
    logger.info({ source: source.id, path: surveyWebhookPath(source.id) }, 'survey webhook route ready');
  }
  return routes;
}
