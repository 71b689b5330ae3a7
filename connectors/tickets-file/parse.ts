/** One ticket row of a help-desk export → a mention with the ticket's service fields as `care`. */
import type { BrandQuery } from '../../core/connector.js';
import type { FetchedMention } from '../../core/mention.js';
import {
  brandOf,
  flagOf,
  numberOf,
  optional,
  required,
  RowProblem,
  textOf,
  timeOf,
  urlFor,
  type Row,
} from '../shared/care-rows.js';
import { normalizeWhitespace } from '../shared/text.js';
import type { TicketColumns, TicketsFileOptions } from './options.js';

/** How a source reads its tickets. */
export interface TicketMapping {
  columns: TicketColumns;
  firstResponseUnit: TicketsFileOptions['firstResponseUnit'];
  brandValues: Readonly<Record<string, string>>;
  ticketUrl?: string;
  brands: readonly BrandQuery[];
}

const UNIT_MS = { ms: 1, seconds: 1000, minutes: 60_000, hours: 3_600_000 } as const;

function firstResponseMs(row: Row, mapping: TicketMapping, created: number): number | undefined {
  const column = mapping.columns.firstResponse;
  const value = optional(row, column);
  if (value === undefined || column === null) return undefined;
  const unit = mapping.firstResponseUnit;
  const ms = unit === 'timestamp' ? timeOf(value, column) - created : numberOf(value, column) * UNIT_MS[unit];
  if (ms < 0) throw new RowProblem(`"${column}" is before the ticket was created`);
  return ms;
}

/** Resolved flag and time: a yes/no value, or a time (which means resolved then). */
function resolution(row: Row, column: string | null): { resolved: boolean; at?: number } {
  const value = optional(row, column);
  if (value === undefined) return { resolved: false };
  const flag = flagOf(value);
  if (flag !== undefined || column === null) return { resolved: flag ?? false };
  return { resolved: true, at: timeOf(value, column) };
}

function reopenCount(row: Row, column: string | null): number {
  const value = optional(row, column);
  if (value === undefined || column === null) return 0;
  const flag = flagOf(value);
  if (flag !== undefined) return flag ? 1 : 0;
  const n = numberOf(value, column);
  if (!Number.isInteger(n) || n < 0) throw new RowProblem(`"${column}" must be yes/no or a count, got ${n}`);
  return n;
}

/**
 * The mention of one ticket.
 * @throws RowProblem naming the column when the id or creation time is missing, a time does not parse,
 *   the first response precedes creation, or the brand is not one of the source's.
 */
export function ticketMention(row: Row, mapping: TicketMapping): FetchedMention {
  const { columns } = mapping;
  const id = textOf(required(row, columns.id, 'columns.id'));
  const created = timeOf(required(row, columns.created, 'columns.created'), columns.created);
  const firstResponse = firstResponseMs(row, mapping, created);
  const { resolved, at: resolvedAt } = resolution(row, columns.resolved);
  const updated = optional(row, columns.updatedAt);
  const updatedAt =
    updated === undefined
      ? Math.max(created, created + (firstResponse ?? 0), resolvedAt ?? 0)
      : timeOf(updated, columns.updatedAt as string);
  const brand = brandOf(row, { column: columns.brand, values: mapping.brandValues }, mapping.brands);
  const subject = normalizeWhitespace(textOf(optional(row, columns.subject)));
  const mention: FetchedMention = {
    source: 'tickets-file',
    native_id: id,
    kind: 'ticket',
    url: urlFor(mapping.ticketUrl, id),
    author: textOf(optional(row, columns.requester)),
    text: normalizeWhitespace(textOf(optional(row, columns.text))),
    published_at: created,
    engagement: { likes: 0, shares: 0, replies: 0, score: 0 },
    care: {
      kind: 'ticket',
      channel: textOf(optional(row, columns.channel)),
      created_at: created,
      ...(firstResponse === undefined ? {} : { first_response_ms: firstResponse }),
      resolved,
      ...(resolvedAt === undefined ? {} : { resolved_at: resolvedAt }),
      reopened: reopenCount(row, columns.reopened),
      updated_at: updatedAt,
    },
  };
  if (subject) mention.title = subject;
  if (brand !== undefined) mention.attributed_brand = brand;
  return mention;
}
