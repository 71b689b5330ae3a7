/**
 * YouTube Data API error envelopes (`{ error: { code, message, errors: [{ reason, domain }] } }`) mapped to
 * what the connector should do.
 */
import {
  ConnectorAuthError,
  ConnectorConfigError,
  RateLimitedError,
  TransientSourceError,
} from '../../core/errors.js';
import { describeBody } from '../http.js';

/** What to do about one failed commentThreads request. */
export type YoutubeFailure = { skip: string } | { error: Error };

/** Milliseconds from `nowMs` until the next midnight in America/Los_Angeles, when YouTube quotas reset. */
export function msUntilPacificMidnight(nowMs: number): number {
  const local = (ms: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Los_Angeles',
      hourCycle: 'h23',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(ms));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000 + (ms % 1000);
  };
  let wait = 86_400_000 - local(nowMs);
  // On daylight-saving change days the local day is 23 or 25 hours long: land exactly on 00:00.
  const landed = local(nowMs + wait);
  if (landed !== 0) wait += landed > 43_200_000 ? 86_400_000 - landed : -landed;
  return wait;
}

function readEnvelope(text: string): { reason?: string; message?: string } {
  try {
    const json = JSON.parse(text) as { error?: { message?: string; errors?: Array<{ reason?: string }> } };
    return { reason: json.error?.errors?.[0]?.reason, message: json.error?.message?.replace(/<[^>]*>/g, '') };
  } catch {
    return {};
  }
}

/** Maps a 400/403/404 answer for stream `what` (e.g. `video F1UP7wRCPH8`). */
export function youtubeFailure(
  sourceId: string,
  what: string,
  status: number,
  text: string,
  nowMs: number,
): YoutubeFailure {
  const { reason, message } = readEnvelope(text);
  const detail = `HTTP ${status} ${reason ?? ''}${message ? `: ${message}` : ` ${describeBody(text)}`}`;
  switch (reason) {
    case 'quotaExceeded':
    case 'dailyLimitExceeded': {
      const wait = msUntilPacificMidnight(nowMs);
      return {
        error: new RateLimitedError(
          `YouTube daily quota exhausted for ${sourceId} (${detail}); quotas reset at midnight Pacific time, ` +
            `in ${Math.ceil(wait / 60_000)} min. Poll less often, read fewer videos, or request more quota`,
          sourceId,
          wait,
        ),
      };
    }
    case 'rateLimitExceeded':
    case 'userRateLimitExceeded':
      return {
        error: new RateLimitedError(`YouTube is throttling ${sourceId} (${detail})`, sourceId, 60_000),
      };
    case 'commentsDisabled':
      return { skip: `comments are disabled on ${what}` };
    case 'videoNotFound':
      return { skip: `${what} was not found (deleted or private)` };
    case 'keyInvalid':
    case 'keyExpired':
    case 'accessNotConfigured':
    case 'forbidden':
      break;
    case 'channelNotFound':
      return {
        error: new ConnectorConfigError(
          `YouTube has no ${what} for ${sourceId} (${detail}); fix "channelId"`,
          sourceId,
        ),
      };
    default:
      if (status === 404)
        return {
          error: new ConnectorConfigError(`YouTube: ${what} not found for ${sourceId} (${detail})`, sourceId),
        };
      if (status === 400 && !/api key/i.test(message ?? ''))
        return {
          error: new ConnectorConfigError(
            `YouTube rejected the request of ${sourceId} for ${what} (${detail}); check the source options`,
            sourceId,
          ),
        };
  }
  if (status === 400 || status === 403)
    return {
      error: new ConnectorAuthError(
        `YouTube refused the API key of ${sourceId} for ${what} (${detail}); set/fix the "apiKey" credential: ` +
          'a Google Cloud API key with the YouTube Data API v3 enabled and no referrer restriction',
        sourceId,
      ),
    };
  return { error: new TransientSourceError(`YouTube failed for ${sourceId} (${detail})`, sourceId) };
}
