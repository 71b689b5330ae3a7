/** Options of `tickets-file`: where the help-desk export is and how its columns map. */
import { z } from 'zod';
import { exportFileOptions } from '../shared/file-source.js';

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
  ...exportFileOptions,
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
});
export type TicketsFileOptions = z.infer<typeof TicketsFileOptionsSchema>;
