/**
 * One survey response (a row of an export, or a webhook delivery) → a mention: the comment is its text,
 * the score its rating on the survey's scale (NPS 0–10 on 10, CSAT 1–5 on 5), and the service fields ride
 * along as `care`. Shared by `survey-file` and `survey-webhook`.
 */
import type { BrandQuery } from '../../core/connector.js';
import { SURVEY_MIN_SCORE, SURVEY_SCALE, type SurveyKind } from '../../core/care.js';
import type { FetchedMention } from '../../core/mention.js';
import {
  brandOf,
  numberOf,
  optional,
  required,
  RowProblem,
  textOf,
  timeOf,
  urlFor,
  type Row,
} from './care-rows.js';
import { normalizeWhitespace } from './text.js';

/** Which column holds each field (see `SurveyColumnsSchema`). */
export interface SurveyColumnMap {
  id: string;
  submittedAt: string;
  score: string;
  comment: string | null;
  brand?: string;
  channel?: string;
  respondent?: string;
  survey?: string;
  updatedAt?: string;
}

/** How a source reads its responses. */
export interface SurveyMapping {
  /** Connector type the mentions are stored under. */
  source: string;
  survey: SurveyKind;
  columns: SurveyColumnMap;
  brandValues: Readonly<Record<string, string>>;
  responseUrl?: string;
  /** The source's brands; a response must belong to one of them. */
  brands: readonly BrandQuery[];
}

const KINDS: readonly string[] = ['nps', 'csat'];

/**
 * The mention of one response.
 * @throws RowProblem naming the column when the id, time or score is missing or out of range, or the
 *   brand is not one of the source's.
 */
export function surveyMention(row: Row, mapping: SurveyMapping): FetchedMention {
  const { columns } = mapping;
  const id = textOf(required(row, columns.id, 'columns.id'));
  const submittedAt = timeOf(required(row, columns.submittedAt, 'columns.submittedAt'), columns.submittedAt);
  const kindText = textOf(optional(row, columns.survey)).toLowerCase();
  if (kindText && !KINDS.includes(kindText))
    throw new RowProblem(
      `"${columns.survey}" must be nps or csat, got ${JSON.stringify(kindText.slice(0, 20))}`,
    );
  const survey = (kindText || mapping.survey) as SurveyKind;
  const score = numberOf(required(row, columns.score, 'columns.score'), columns.score);
  const min = SURVEY_MIN_SCORE[survey];
  const scale = SURVEY_SCALE[survey];
  if (!Number.isInteger(score) || score < min || score > scale)
    throw new RowProblem(
      `"${columns.score}" must be a whole number from ${min} to ${scale} for ${survey}, got ${score}`,
    );
  const updated = optional(row, columns.updatedAt);
  const updatedAt = updated === undefined ? submittedAt : timeOf(updated, columns.updatedAt as string);
  const brand = brandOf(row, { column: columns.brand, values: mapping.brandValues }, mapping.brands);
  const respondent = textOf(optional(row, columns.respondent));
  const mention: FetchedMention = {
    source: mapping.source,
    native_id: id,
    kind: 'survey',
    url: urlFor(mapping.responseUrl, id),
    author: respondent,
    text: normalizeWhitespace(textOf(optional(row, columns.comment))),
    published_at: submittedAt,
    engagement: { likes: 0, shares: 0, replies: 0, score: 0 },
    rating: { value: score, scale },
    care: {
      kind: 'survey',
      survey,
      score,
      channel: textOf(optional(row, columns.channel)),
      respondent,
      submitted_at: submittedAt,
      updated_at: updatedAt,
    },
  };
  if (brand !== undefined) mention.attributed_brand = brand;
  return mention;
}
