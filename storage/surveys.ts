/**
 * Named reads of survey scores, exact: from `survey_responses` FINAL (one row per response, its newest
 * version), so a re-delivered or re-imported response is counted once. NPS = % promoters (9–10) − %
 * detractors (0–6) of the NPS responses; CSAT = % of CSAT responses scoring 4–5. Per brand, source and
 * UTC day of submission, or over the whole range.
 */
import type { SurveyKind } from '../core/care.js';
import type { Store } from './client.js';
import { resultObjects } from './query.js';
import { runReadQuery, toCount, type ReadQuery } from './read-query.js';
import { TABLES } from './schema.js';

/** Which responses a survey read covers: submitted in [from, to) (epoch ms), optionally one brand. */
export interface SurveyScoreOptions {
  from: number;
  to: number;
  brand?: string;
  /** One row per UTC day (`day`) or one for the whole range (`range`). @default 'day' */
  per?: 'day' | 'range';
}

/** NPS of one brand and source over one day (or the range). */
export interface NpsRow {
  /** UTC day `YYYY-MM-DD`; `null` for a whole-range row. */
  day: string | null;
  brand: string;
  sourceId: string;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** 100 × (promoters − detractors) / responses, in [−100, 100]. */
  nps: number;
}

/** CSAT of one brand and source over one day (or the range). */
export interface CsatRow {
  day: string | null;
  brand: string;
  sourceId: string;
  responses: number;
  /** Responses scoring 4 or 5. */
  satisfied: number;
  /** 100 × satisfied / responses, in [0, 100]. */
  csat: number;
  /** Mean score, 1–5. */
  average: number;
}

const SURVEY_SCORES_SQL = `
  SELECT if({per_day:Bool}, toString(toDate(submitted_at)), '') AS day,
         brand, source_id,
         count() AS responses,
         countIf(score >= 9) AS promoters,
         countIf(score <= 6) AS detractors,
         countIf(score >= 4) AS satisfied,
         sum(score) AS score_sum
  FROM ${TABLES.survey_responses} FINAL
  WHERE survey = {survey:String}
    AND submitted_at >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')
    AND submitted_at < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
    AND ({brand:String} = '' OR brand = {brand:String})
  GROUP BY day, brand, source_id
  ORDER BY day, brand, source_id`;

interface Counts {
  day: string | null;
  brand: string;
  sourceId: string;
  responses: number;
  promoters: number;
  detractors: number;
  satisfied: number;
  scoreSum: number;
}

function scoresQuery<T>(
  survey: SurveyKind,
  options: SurveyScoreOptions,
  map: (c: Counts) => T,
): ReadQuery<T[]> {
  return {
    name: `${survey} scores`,
    sql: SURVEY_SCORES_SQL,
    params: {
      survey,
      from: Math.trunc(options.from),
      to: Math.trunc(options.to),
      brand: options.brand ?? '',
      per_day: (options.per ?? 'day') === 'day',
    },
    decode: (result) =>
      resultObjects(result).map((r) =>
        map({
          day: r.day === '' ? null : String(r.day),
          brand: String(r.brand),
          sourceId: String(r.source_id),
          responses: toCount(r.responses),
          promoters: toCount(r.promoters),
          detractors: toCount(r.detractors),
          satisfied: toCount(r.satisfied),
          scoreSum: toCount(r.score_sum),
        }),
      ),
  };
}

/** The NPS read (per brand × source × day, or × range). */
export function npsQuery(options: SurveyScoreOptions): ReadQuery<NpsRow[]> {
  return scoresQuery('nps', options, (c) => ({
    day: c.day,
    brand: c.brand,
    sourceId: c.sourceId,
    responses: c.responses,
    promoters: c.promoters,
    passives: c.responses - c.promoters - c.detractors,
    detractors: c.detractors,
    nps: (100 * (c.promoters - c.detractors)) / c.responses,
  }));
}

/** The CSAT read (per brand × source × day, or × range). */
export function csatQuery(options: SurveyScoreOptions): ReadQuery<CsatRow[]> {
  return scoresQuery('csat', options, (c) => ({
    day: c.day,
    brand: c.brand,
    sourceId: c.sourceId,
    responses: c.responses,
    satisfied: c.satisfied,
    csat: (100 * c.satisfied) / c.responses,
    average: c.scoreSum / c.responses,
  }));
}

/** Runs `npsQuery` in-process. */
export const npsScores = (store: Store, options: SurveyScoreOptions): Promise<NpsRow[]> =>
  runReadQuery(store, npsQuery(options));

/** Runs `csatQuery` in-process. */
export const csatScores = (store: Store, options: SurveyScoreOptions): Promise<CsatRow[]> =>
  runReadQuery(store, csatQuery(options));
