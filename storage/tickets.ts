/**
 * Named reads of support KPIs, exact: from `tickets` FINAL (each ticket once, its newest export), per
 * brand, source and UTC day of creation (or the whole range). First-contact resolution (FCR) = tickets
 * resolved and never reopened / tickets resolved. First response time: median and p90 over answered
 * tickets (linear interpolation between ranks, as `quantileExactInclusive`). Share within SLA = tickets
 * answered within `slaMs` / all tickets (an unanswered ticket is not within it).
 */
import type { Store } from './client.js';
import { resultObjects } from './query.js';
import { runReadQuery, toCount, type ReadQuery } from './read-query.js';
import { TABLES } from './schema.js';

/** Which tickets a KPI read covers: created in [from, to) (epoch ms), optionally one brand. */
export interface TicketKpiOptions {
  from: number;
  to: number;
  brand?: string;
  /** First-response target in ms, for `withinSla`. */
  slaMs: number;
  /** One row per UTC day (`day`) or one for the whole range (`range`). @default 'day' */
  per?: 'day' | 'range';
}

/** Support KPIs of one brand and source over one day (or the range). */
export interface TicketKpiRow {
  /** UTC day `YYYY-MM-DD`; `null` for a whole-range row. */
  day: string | null;
  brand: string;
  sourceId: string;
  tickets: number;
  resolved: number;
  /** Resolved and never reopened. */
  resolvedFirstContact: number;
  /** resolvedFirstContact / resolved in [0, 1]; `null` when nothing is resolved. */
  fcr: number | null;
  /** Tickets with a first response. */
  answered: number;
  /** Median / p90 first response time over answered tickets, in whole ms; `null` when none was answered. */
  medianFirstResponseMs: number | null;
  p90FirstResponseMs: number | null;
  /** Tickets answered within the SLA. */
  withinSla: number;
  /** withinSla / tickets in [0, 1]. */
  withinSlaShare: number;
}

const TICKET_KPIS_SQL = `
  SELECT if({per_day:Bool}, toString(toDate(created_at)), '') AS day,
         brand, source_id,
         count() AS tickets,
         countIf(resolved = 1) AS resolved_count,
         countIf(resolved = 1 AND reopened = 0) AS first_contact,
         countIf(first_response_ms IS NOT NULL) AS answered,
         quantileExactInclusive(0.5)(first_response_ms) AS median_ms,
         quantileExactInclusive(0.9)(first_response_ms) AS p90_ms,
         countIf(first_response_ms <= {sla_ms:UInt64}) AS within_sla
  FROM ${TABLES.tickets} FINAL
  WHERE created_at >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')
    AND created_at < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
    AND ({brand:String} = '' OR brand = {brand:String})
  GROUP BY day, brand, source_id
  ORDER BY day, brand, source_id`;

const msOrNull = (value: unknown, answered: number): number | null =>
  answered === 0 || value === null || value === undefined ? null : Math.round(Number(value));

/** The support KPI read. */
export function ticketKpisQuery(options: TicketKpiOptions): ReadQuery<TicketKpiRow[]> {
  return {
    name: 'ticket KPIs',
    sql: TICKET_KPIS_SQL,
    params: {
      from: Math.trunc(options.from),
      to: Math.trunc(options.to),
      brand: options.brand ?? '',
      sla_ms: Math.max(0, Math.trunc(options.slaMs)),
      per_day: (options.per ?? 'day') === 'day',
    },
    decode: (result) =>
      resultObjects(result).map((r) => {
        const tickets = toCount(r.tickets);
        const resolved = toCount(r.resolved_count);
        const resolvedFirstContact = toCount(r.first_contact);
        const answered = toCount(r.answered);
        const withinSla = toCount(r.within_sla);
        return {
          day: r.day === '' ? null : String(r.day),
          brand: String(r.brand),
          sourceId: String(r.source_id),
          tickets,
          resolved,
          resolvedFirstContact,
          fcr: resolved === 0 ? null : resolvedFirstContact / resolved,
          answered,
          medianFirstResponseMs: msOrNull(r.median_ms, answered),
          p90FirstResponseMs: msOrNull(r.p90_ms, answered),
          withinSla,
          withinSlaShare: tickets === 0 ? 0 : withinSla / tickets,
        };
      }),
  };
}

/** Runs `ticketKpisQuery` in-process. */
export const ticketKpis = (store: Store, options: TicketKpiOptions): Promise<TicketKpiRow[]> =>
  runReadQuery(store, ticketKpisQuery(options));
