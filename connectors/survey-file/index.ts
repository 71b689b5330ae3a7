/**
 * `survey-file`: NPS (0–10) or CSAT (1–5) responses with their comments from a CSV or JSON-lines export, or
 * a folder of them. Each poll reads only what was appended since the last one (a byte offset per file,
 * with a fingerprint of the file's head so a rewritten file is read again, safely: responses are keyed
 * by id). Malformed rows are skipped, counted and logged with their line number.
 */
import type { ConnectorContext, ConnectorDefinition, ParsedBody } from '../../core/connector.js';
import type { FilesCursor } from '../shared/file-tail.js';
import { exportFileConnector, parseExportPreview } from '../shared/file-source.js';
import { surveyMention, type SurveyMapping } from '../shared/survey-response.js';
import { SurveyColumnsSchema, SurveyFileOptionsSchema, type SurveyFileOptions } from './options.js';

export { SurveyFileOptionsSchema, type SurveyFileOptions } from './options.js';

function createSurveyFile(ctx: ConnectorContext<SurveyFileOptions>) {
  const { options } = ctx;
  const mapping: SurveyMapping = {
    source: 'survey-file',
    survey: options.survey,
    columns: options.columns,
    brandValues: options.brandValues,
    responseUrl: options.responseUrl,
    brands: ctx.brands,
  };
  return exportFileConnector(ctx, {
    required: ['id', 'submittedAt', 'score'],
    what: 'survey response',
    toMention: (row) => surveyMention(row, mapping),
  });
}

/**
 * `earshot connectors parse survey-file <file>`: the body as an export with the default column names
 * (id, submitted_at, score, comment, and brand / channel / respondent / survey when present), NPS unless
 * a row's `survey` says csat.
 */
export function parseSurveyFile(body: string, sourceId = 'survey-file'): ParsedBody {
  const mapping: SurveyMapping = {
    source: 'survey-file',
    survey: 'nps',
    columns: {
      ...SurveyColumnsSchema.parse({}),
      brand: 'brand',
      channel: 'channel',
      respondent: 'respondent',
      survey: 'survey',
    },
    brandValues: {},
    brands: [],
  };
  return parseExportPreview(
    body,
    sourceId,
    'CSV with a header id,submitted_at,score,comment or JSON lines',
    (row) => surveyMention(row, mapping),
  );
}

/** The `survey-file` source type. */
export const surveyFileConnector: ConnectorDefinition<SurveyFileOptions, FilesCursor> = {
  type: 'survey-file',
  // It reads a local file: no remote API to protect.
  defaultRequestsPerSecond: 100,
  optionsSchema: SurveyFileOptionsSchema,
  credentials: [],
  create: createSurveyFile,
  parse: parseSurveyFile,
};
