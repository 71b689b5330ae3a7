/**
 * The webhook's JSON shape: one response object, or `{ "responses": [ … ] }` with up to
 * `MAX_RESPONSES_PER_DELIVERY` of them. Fields: `id`, `submitted_at` (ISO 8601 or epoch s / ms), `score`,
 * optional `comment`, `brand`, `channel`, `respondent`, `survey` (nps | csat; the source's by default) and
 * `updated_at` (for edited responses; orders re-deliveries).
 */
import type { FetchedMention } from '../../core/mention.js';
import { jsonRow, RowProblem } from '../shared/care-rows.js';
import { surveyMention, type SurveyMapping } from '../shared/survey-response.js';

/** Largest batch one delivery may carry. */
export const MAX_RESPONSES_PER_DELIVERY = 1000;

/** The field names of the JSON shape, as a survey column map. */
export const WEBHOOK_FIELDS = {
  id: 'id',
  submittedAt: 'submitted_at',
  score: 'score',
  comment: 'comment',
  brand: 'brand',
  channel: 'channel',
  respondent: 'respondent',
  survey: 'survey',
  updatedAt: 'updated_at',
} as const;

/** What a delivery holds: its responses as mentions, or the problems that refuse it (nothing is stored). */
export type ReadDelivery =
  | { ok: true; mentions: FetchedMention[] }
  | { ok: false; message: string; problems?: Array<{ index: number; id?: string; problem: string }> };

/**
 * Reads a parsed delivery. A batch is stored whole or not at all, so one bad response refuses the
 * delivery with every problem listed and the sender can fix and resend it.
 */
export function readDelivery(body: unknown, mapping: Omit<SurveyMapping, 'columns'>): ReadDelivery {
  const batch =
    typeof body === 'object' && body !== null && !Array.isArray(body) && 'responses' in body
      ? (body as { responses: unknown }).responses
      : [body];
  if (!Array.isArray(batch) || batch.length === 0)
    return { ok: false, message: '"responses" must be a non-empty array of response objects' };
  if (batch.length > MAX_RESPONSES_PER_DELIVERY)
    return {
      ok: false,
      message: `at most ${MAX_RESPONSES_PER_DELIVERY} responses per delivery, got ${batch.length}`,
    };
  const mentions: FetchedMention[] = [];
  const problems: Array<{ index: number; id?: string; problem: string }> = [];
  batch.forEach((item, index) => {
    try {
      mentions.push(surveyMention(jsonRow(item), { ...mapping, columns: WEBHOOK_FIELDS }));
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      const id = (item as { id?: unknown } | null)?.id;
      problems.push({
        index,
        ...(typeof id === 'string' || typeof id === 'number' ? { id: String(id).slice(0, 100) } : {}),
        problem: error.message.replace(/ \(options\.columns\.\w+\)/, ''),
      });
    }
  });
  if (problems.length > 0)
    return {
      ok: false,
      message: `${problems.length} of ${batch.length} responses are invalid; nothing was stored`,
      problems,
    };
  return { ok: true, mentions };
}
