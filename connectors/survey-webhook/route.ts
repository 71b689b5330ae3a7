/**
 * The inbound route of a `survey-webhook` source: `POST /hooks/surveys/<source id>` on the process's HTTP
 * host. It answers 2xx only once the responses are stored (`accept` resolves after the idempotent,
 * newest-version-wins write), so a sender that sees anything else retries and nothing is lost; a retried
 * or duplicated delivery changes nothing, and an older version arriving after a newer one is ignored.
 */
import type { FetchedMention } from '../../core/mention.js';
import { errorReply, type HostReply, type HostRoute } from '../../platform/http-host/index.js';
import type { SurveyMapping } from '../shared/survey-response.js';
import { readDelivery } from './payload.js';
import { checkSignature } from './signature.js';

/** The path a source's deliveries go to. */
export const surveyWebhookPath = (sourceId: string): string => `/hooks/surveys/${sourceId}`;

/** Largest delivery body: 1 MiB (about 1,000 responses with comments). */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

/** What storing a delivery did, as the store reports it. */
export interface StoredDelivery {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Older than the stored version of the same response: left alone. */
  stale: number;
}

/** Everything the route needs; the composition root supplies the secret and the store. */
export interface SurveyWebhookRouteOptions {
  sourceId: string;
  /** The shared secret, or undefined when its environment variable is not set (then every call is 503). */
  secret: string | undefined;
  /** Names the environment variable, for the 503 message. */
  secretVariable: string;
  mapping: Omit<SurveyMapping, 'columns'>;
  /** Largest clock difference between sender and receiver accepted. */
  toleranceMs: number;
  now: () => number;
  /** Scores and stores the responses; resolves once they are durably stored. */
  accept(mentions: FetchedMention[]): Promise<StoredDelivery>;
}

/** The route of one `survey-webhook` source. */
export function surveyWebhookRoute(options: SurveyWebhookRouteOptions): HostRoute {
  const { sourceId } = options;
  return {
    method: 'POST',
    path: surveyWebhookPath(sourceId),
    // Public to the host: the route checks the HMAC signature itself, over the raw bytes.
    auth: { kind: 'public' },
    body: 'raw',
    bodyLimitBytes: WEBHOOK_BODY_LIMIT_BYTES,
    async handle(request): Promise<HostReply> {
      if (!options.secret)
        return errorReply(
          503,
          `Survey webhook ${sourceId} has no secret: set the environment variable ${options.secretVariable} and restart`,
          'not_configured',
        );
      const problem = checkSignature(
        options.secret,
        request.headers,
        request.rawBody,
        options.now(),
        options.toleranceMs,
      );
      if (problem) {
        request.log.warn({ source: sourceId, code: problem.code }, 'refused a survey webhook delivery');
        return {
          ...errorReply(401, problem.message, problem.code),
          headers: { 'www-authenticate': 'HMAC-SHA256' },
        };
      }
      let body: unknown;
      try {
        body = JSON.parse(request.rawBody.toString('utf8'));
      } catch (error) {
        return errorReply(400, `Body is not JSON: ${(error as Error).message}`, 'invalid_json');
      }
      const delivery = readDelivery(body, options.mapping);
      if (!delivery.ok)
        return {
          status: 422,
          body: {
            error: { message: delivery.message, code: 'invalid_response' },
            problems: delivery.problems ?? [],
          },
        };
      let stored: StoredDelivery;
      try {
        stored = await options.accept(delivery.mentions);
      } catch (error) {
        request.log.error({ source: sourceId, err: error }, 'could not store a survey webhook delivery');
        return {
          ...errorReply(
            503,
            'The responses could not be stored; nothing was acknowledged, retry later',
            'store_failed',
          ),
          headers: { 'retry-after': '30' },
        };
      }
      return { status: 200, body: { received: delivery.mentions.length, ...stored } };
    },
  };
}
