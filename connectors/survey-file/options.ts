/** Options of `survey-file`: where the export is, which survey it holds, and how its columns map. */
import { z } from 'zod';
import { exportFileOptions } from '../shared/file-source.js';

/** Export column (CSV header) or JSON key / dotted path for each field of a response. */
export const SurveyColumnsSchema = z.strictObject({
  /** The response's id, unique per source (re-reading or re-delivering it never duplicates). @default "id" */
  id: z.string().min(1).default('id'),
  /** When the response was submitted (ISO 8601, or epoch seconds / ms). @default "submitted_at" */
  submittedAt: z.string().min(1).default('submitted_at'),
  /** The score: 0–10 for NPS, 1–5 for CSAT. @default "score" */
  score: z.string().min(1).default('score'),
  /** The free-text comment, scored like a mention; may be empty; `null` for a score-only export. @default "comment" */
  comment: z.string().min(1).nullable().default('comment'),
  /** Brand column (a brand key, a brand name, or a value mapped by `brandValues`); needed with several brands. */
  brand: z.string().min(1).optional(),
  /** Channel the survey was answered on (email, in-app…). */
  channel: z.string().min(1).optional(),
  /** Respondent id or e-mail, stored as the mention's author. */
  respondent: z.string().min(1).optional(),
  /** Per-row survey kind (`nps` / `csat`), for exports that mix both; else `survey` applies. */
  survey: z.string().min(1).optional(),
  /** When the response was last edited; orders two versions of one response (default: submittedAt). */
  updatedAt: z.string().min(1).optional(),
});
export type SurveyColumns = z.infer<typeof SurveyColumnsSchema>;

/** The option fields the file and webhook sources share. */
export const surveyShared = {
  /** Which survey the scores answer: `nps` (0–10) or `csat` (1–5). */
  survey: z.enum(['nps', 'csat']),
  /** Export value → brand key, e.g. `{ "Acme Air": acme }`. @default {} */
  brandValues: z.record(z.string(), z.string()).default({}),
  /** Link to a response in the survey tool, `{id}` replaced by its id, e.g. `https://app.example.com/r/{id}`. */
  responseUrl: z
    .string()
    .regex(/^https?:\/\/.*\{id\}/, 'a http(s) URL containing {id}')
    .optional(),
};

export const SurveyFileOptionsSchema = z.strictObject({
  ...exportFileOptions,
  ...surveyShared,
  columns: SurveyColumnsSchema.default(SurveyColumnsSchema.parse({})),
});
export type SurveyFileOptions = z.infer<typeof SurveyFileOptionsSchema>;
