/**
 * `survey-webhook`: survey responses pushed by the survey tool to `POST /hooks/surveys/<source id>` on the
 * `earshot up` HTTP host, signed with a shared secret (see signature.ts, payload.ts, route.ts). Nothing is
 * polled: the scheduled connector only reports whether the secret is set, and its polls return nothing.
 */
import { z } from 'zod';
import type { ConnectorDefinition, ParsedBody } from '../../core/connector.js';
import { InvalidRecordError } from '../../core/errors.js';
import { safeCheck } from '../../platform/health.js';
import { surveyShared } from '../survey-file/options.js';
import { readDelivery } from './payload.js';
import { surveyWebhookPath } from './route.js';

export { signBody, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.js';
export { surveyWebhookPath, surveyWebhookRoute, type StoredDelivery } from './route.js';

export const SurveyWebhookOptionsSchema = z.strictObject({
  ...surveyShared,
  /** Largest clock difference between the sender's timestamp and ours, in seconds. @default 300 */
  toleranceSeconds: z.number().int().min(1).max(3600).default(300),
});
export type SurveyWebhookOptions = z.infer<typeof SurveyWebhookOptionsSchema>;

/**
 * `earshot connectors parse survey-webhook <file>`: a delivery body (one response or `{ "responses": [...] }`).
 * @throws InvalidRecordError listing the problems when the delivery would be refused.
 */
export function parseSurveyWebhook(body: string, sourceId = 'survey-webhook'): ParsedBody {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new InvalidRecordError('a survey webhook delivery must be JSON', sourceId);
  }
  const delivery = readDelivery(json, {
    source: 'survey-webhook',
    survey: 'nps',
    brandValues: {},
    brands: [],
  });
  if (!delivery.ok)
    throw new InvalidRecordError(
      `${delivery.message}${delivery.problems ? `: ${delivery.problems.map((p) => `#${p.index} ${p.problem}`).join('; ')}` : ''}`,
      sourceId,
    );
  return { mentions: delivery.mentions, skippedInvalid: 0 };
}

/** The `survey-webhook` source type. */
export const surveyWebhookConnector: ConnectorDefinition<SurveyWebhookOptions, Record<string, never>> = {
  type: 'survey-webhook',
  // It reads what was delivered to the worker: no remote API to protect.
  defaultRequestsPerSecond: 100,
  optionsSchema: SurveyWebhookOptionsSchema,
  credentials: [
    {
      key: 'secret',
      required: true,
      description: 'shared secret the survey tool signs deliveries with (HMAC-SHA256)',
    },
  ],
  create: (ctx) => ({
    check: () =>
      safeCheck(async () => {
        if ((ctx.credentials.secret ?? '').length < 16)
          throw new Error(
            `the shared secret of ${ctx.sourceId} is shorter than 16 characters; use a long random one`,
          );
        return `deliveries go to POST ${surveyWebhookPath(ctx.sourceId)} on the earshot up HTTP host`;
      }),
    // Deliveries are stored by the route as they arrive; a poll has nothing to fetch.
    fetchPage: async () => ({ mentions: [], cursor: {}, caughtUp: true, skippedInvalid: 0 }),
  }),
  parse: parseSurveyWebhook,
};
