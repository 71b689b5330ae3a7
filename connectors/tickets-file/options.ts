/** Options of `tickets-file`: where the help-desk export is and how its columns map. */
import { z } from 'zod';

/**
 * Export column (CSV header) or JSON key / dotted path for each field of a ticket. Every mapped column must
 * exist in a CSV header; set a defaulted one to `null` when the export has no such column.
 */
export const TicketColumnsSchema = z.strictObject({
  /** The ticket's id, unique per source (re-importing it never duplicates). @default "id" */
  id: z.string().min(1).default('id'),
  /** When the ticket was opened. @default "created_at" */
  created: z.string().min(1).default('created_at'),
  /** First agent response: a time, or a duration (see `firstResponseUnit`); empty while unanswered. @default "first_response_at" */
  firstResponse: z.string().min(1).nullable().default('first_response_at'),
  /** Resolved: yes/no (true/false, 1/0) or the resolution time; empty = not resolved. @default "resolved" */
  resolved: z.string().min(1).nullable().default('resolved'),
  /** Reopened: yes/no or how many times; empty = never. @default "reopened" */
  reopened: z.string().min(1).nullable().default('reopened'),
  /** Channel (email, chat, phone…). @default "channel" */
  channel: z.string().min(1).nullable().default('channel'),
  /** The ticket's text or chat transcript, scored like a mention. @default "text" */
  text: z.string().min(1).nullable().default('text'),
  /** Subject line, stored as the mention's title. */
  subject: z.string().min(1).optional(),
  /** Requester id or name, stored as the mention's author. */
  requester: z.string().min(1).optional(),
  /** Brand column (a brand key, a brand name, or a value mapped by `brandValues`); needed with several brands. */
  brand: z.string().min(1).optional(),
  /** When the ticket was last updated; orders two exports of one ticket (default: its latest time). */
  updatedAt: z.string().min(1).optional(),
});
export type TicketColumns = z.infer<typeof TicketColumnsSchema>;

export const TicketsFileOptionsSchema = z.strictObject({
  /** A CSV / JSON-lines file, or a folder whose `.csv`, `.jsonl` and `.ndjson` files are all read. */
  path: z.string().min(1),
  /** File format; by default `.csv` files are CSV and every other file JSON lines. */
  format: z.enum(['csv', 'jsonl']).optional(),
  /** CSV field delimiter. @default "," */
  delimiter: z.string().length(1).default(','),
  columns: TicketColumnsSchema.default(TicketColumnsSchema.parse({})),
  /**
   * What the first-response column holds: the time of the first response (`timestamp`), or the time from
   * creation to it in `ms`, `seconds`, `minutes` or `hours`. @default "timestamp"
   */
  firstResponseUnit: z.enum(['timestamp', 'ms', 'seconds', 'minutes', 'hours']).default('timestamp'),
  /** Export value → brand key, e.g. `{ "Acme Air": acme }`. @default {} */
  brandValues: z.record(z.string(), z.string()).default({}),
  /** Link to a ticket in the help desk, `{id}` replaced by its id. */
  ticketUrl: z
    .string()
    .regex(/^https?:\/\/.*\{id\}/, 'a http(s) URL containing {id}')
    .optional(),
  /** Rows read per page. @default 5000 */
  maxRowsPerPage: z.number().int().min(1).max(50_000).default(5000),
  /** A last row without a newline is read once the file has not changed for this many seconds. @default 2 */
  settleSeconds: z.number().min(0).max(3600).default(2),
});
export type TicketsFileOptions = z.infer<typeof TicketsFileOptionsSchema>;
