/**
 * Customer-care records that arrive as mentions but carry service fields of their own: survey responses
 * (NPS 0–10, CSAT 1–5) and support tickets. A connector attaches one to a `FetchedMention` as `care`;
 * storage keeps the fields in `survey_responses` / `tickets` (keyed like the mention, by source id and the
 * record's id), so NPS, CSAT, first-contact resolution and response times are computed exactly.
 */

/** Which survey a response answers: NPS (0–10, scale 10) or CSAT (1–5, scale 5). */
export type SurveyKind = 'nps' | 'csat';

/** The scale (maximum score) of each survey kind, as stored in `rating_scale`. */
export const SURVEY_SCALE: Readonly<Record<SurveyKind, number>> = { nps: 10, csat: 5 };

/** The lowest score of each survey kind. */
export const SURVEY_MIN_SCORE: Readonly<Record<SurveyKind, number>> = { nps: 0, csat: 1 };

/** One survey response's service fields. Times are UTC epoch milliseconds. */
export interface SurveyResponseFields {
  kind: 'survey';
  survey: SurveyKind;
  /** The integer score, within the survey's range. */
  score: number;
  /** Channel the survey was answered on (email, in-app, sms…); '' when unknown. */
  channel: string;
  /** Respondent id as the survey tool gives it; '' when anonymous. */
  respondent: string;
  submitted_at: number;
  /** When this version of the response was written (an edited response is newer); orders re-deliveries. */
  updated_at: number;
}

/** One support ticket's (or chat's) service fields. Times are UTC epoch milliseconds. */
export interface TicketFields {
  kind: 'ticket';
  /** Channel of the ticket (email, chat, phone…); '' when unknown. */
  channel: string;
  created_at: number;
  /** Time from creation to the first agent response; absent while unanswered. */
  first_response_ms?: number;
  resolved: boolean;
  /** When it was (last) resolved, if the export says. */
  resolved_at?: number;
  /** How many times it was reopened (0 = never). */
  reopened: number;
  /** When this version of the ticket was exported; orders re-imports (a newer one replaces an older one). */
  updated_at: number;
}

/** The service fields a care connector attaches to a mention. */
export type CareRecord = SurveyResponseFields | TicketFields;
