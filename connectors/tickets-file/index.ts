/**
 * `tickets-file`: support tickets or chat transcripts from a help-desk export (CSV or JSON lines, a file
 * or a folder), read incrementally like `survey-file`. Each ticket's text is a scored mention; its service
 * fields (created, first response, resolved, reopened, channel) go to the `tickets` table, from which FCR
 * and response-time KPIs are computed exactly, a re-import replacing an older export of a ticket.
 */
import type { ConnectorContext, ConnectorDefinition, ParsedBody } from '../../core/connector.js';
import type { FilesCursor } from '../shared/file-tail.js';
import { exportFileConnector, parseExportPreview } from '../shared/file-source.js';
import { TicketColumnsSchema, TicketsFileOptionsSchema, type TicketsFileOptions } from './options.js';
import { ticketMention, type TicketMapping } from './parse.js';

export { TicketsFileOptionsSchema, type TicketsFileOptions } from './options.js';

function createTicketsFile(ctx: ConnectorContext<TicketsFileOptions>) {
  const { options } = ctx;
  const mapping: TicketMapping = {
    columns: options.columns,
    firstResponseUnit: options.firstResponseUnit,
    brandValues: options.brandValues,
    ticketUrl: options.ticketUrl,
    brands: ctx.brands,
  };
  return exportFileConnector(ctx, {
    required: ['id', 'created'],
    what: 'ticket',
    toMention: (row) => ticketMention(row, mapping),
  });
}

/**
 * `earshot connectors parse tickets-file <file>`: the body as an export with the default column names
 * (id, created_at, first_response_at, resolved, reopened, channel, text; brand when present).
 */
export function parseTicketsFile(body: string, sourceId = 'tickets-file'): ParsedBody {
  const mapping: TicketMapping = {
    columns: { ...TicketColumnsSchema.parse({}), brand: 'brand' },
    firstResponseUnit: 'timestamp',
    brandValues: {},
    brands: [],
  };
  return parseExportPreview(
    body,
    sourceId,
    'CSV with a header id,created_at,first_response_at,… or JSON lines',
    (row) => ticketMention(row, mapping),
  );
}

/** The `tickets-file` source type. */
export const ticketsFileConnector: ConnectorDefinition<TicketsFileOptions, FilesCursor> = {
  type: 'tickets-file',
  // It reads a local file: no remote API to protect.
  defaultRequestsPerSecond: 100,
  optionsSchema: TicketsFileOptionsSchema,
  credentials: [],
  create: createTicketsFile,
  parse: parseTicketsFile,
};
