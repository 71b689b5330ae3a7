/**
 * The writer for mentions that carry customer-care records (core/care.ts): survey responses and tickets.
 * It stores the mentions through the idempotent mention writer and each record's service fields in
 * `survey_responses` / `tickets`, and refuses to let an older version replace a newer one: a record whose
 * stored `updated_at` is later than the incoming one is left as it is (an out-of-order re-delivery), its
 * mention included. Mentions without a care record pass straight through to `upsertMentions`.
 */
import type { CareRecord, SurveyResponseFields, TicketFields } from '../core/care.js';
import { SURVEY_SCALE } from '../core/care.js';
import type { Mention } from '../core/mention.js';
import type { Store } from './client.js';
import { fromDateTime64, toDateTime64 } from './datetime.js';
import { InvalidMentionError } from './errors.js';
import { internals } from './internals.js';
import { MentionBatch, type UpsertResult } from './mentions.js';
import type { TableName } from './schema.js';

/** What `upsertCareMentions` did: the mention writer's counts, plus the stale deliveries it left alone. */
export interface CareUpsertResult extends UpsertResult {
  /** Records older than the stored version of the same id (also counted in `unchanged`). */
  stale: number;
}

type CareMention = Mention & { care: CareRecord };

const TABLE_OF = { survey: 'survey_responses', ticket: 'tickets' } as const satisfies Record<
  CareRecord['kind'],
  TableName
>;
const ID_COLUMN = { survey: 'response_id', ticket: 'ticket_id' } as const;

// Check-then-write must not interleave with another call on the same store (two deliveries of one id).
const queues = new WeakMap<Store, Promise<unknown>>();
function serialized<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  const run = (queues.get(store) ?? Promise.resolve()).then(fn, fn);
  queues.set(
    store,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * Stores mentions and the care records they carry, idempotently and newest-version-wins per record id.
 * Safe to retry and to call with duplicates; calls on one store are serialized. Across processes the
 * same source must not be written concurrently (as for `upsertMentions`).
 * @throws StorageError from the client when ClickHouse fails.
 */
export async function upsertCareMentions(
  store: Store,
  mentions: readonly Mention[],
): Promise<CareUpsertResult> {
  const batch = new CareMentionBatch(store);
  batch.add(mentions);
  return batch.store();
}

/**
 * A batch for `upsertCareMentions` built as mentions are scored (see `MentionBatch`): plain mentions are
 * encoded at once, those carrying a care record are kept as they are until their stored versions are known.
 */
export class CareMentionBatch {
  private readonly plain: MentionBatch;
  private readonly care: Mention[] = [];
  size = 0;

  constructor(private readonly target: Store) {
    this.plain = new MentionBatch(target);
  }

  add(mentions: readonly Mention[]): void {
    this.size += mentions.length;
    const plain = mentions.filter((m) => m.care === undefined);
    this.plain.add(plain.length === mentions.length ? mentions : plain);
    for (const m of mentions) if (m.care !== undefined) this.care.push(m);
  }

  /** Stores the batch (see `upsertCareMentions`). */
  async store(): Promise<CareUpsertResult> {
    if (this.care.length === 0) return { ...(await this.plain.store()), stale: 0 };
    const care = newestPerRecord(this.care as CareMention[]);
    const duplicates = this.care.length - care.length;
    return serialized(this.target, async () => {
      const stored = await storedVersions(this.target, care);
      const fresh = care.filter((m) => !((stored.get(keyOf(m)) ?? -Infinity) > m.care.updated_at));
      const stale = care.length - fresh.length;
      this.plain.add(fresh);
      const result = await this.plain.store();
      await insertCareRows(this.target, fresh);
      return { ...result, unchanged: result.unchanged + stale + duplicates, stale };
    });
  }
}

const keyOf = (m: CareMention): string => `${m.care.kind}\u0000${m.source_id}\u0000${m.native_id}`;

/** One mention per record and brand: the newest `updated_at` (the later one in the batch on a tie). */
function newestPerRecord(care: readonly CareMention[]): CareMention[] {
  const newest = new Map<string, CareMention>();
  for (const m of care) {
    const key = `${keyOf(m)}\u0000${m.brand}`;
    const kept = newest.get(key);
    if (!kept || m.care.updated_at >= kept.care.updated_at) newest.set(key, m);
  }
  return [...newest.values()];
}

async function storedVersions(store: Store, care: readonly CareMention[]): Promise<Map<string, number>> {
  const { client, table } = internals(store);
  const found = new Map<string, number>();
  for (const kind of ['survey', 'ticket'] as const) {
    const ofKind = care.filter((m) => m.care.kind === kind);
    if (ofKind.length === 0) continue;
    const id = ID_COLUMN[kind];
    const rs = await client.query({
      query: `
        SELECT source_id, ${id} AS id, updated_at
        FROM ${table(TABLE_OF[kind])} FINAL
        WHERE source_id IN {source_ids:Array(String)} AND ${id} IN {ids:Array(String)}`,
      query_params: {
        source_ids: [...new Set(ofKind.map((m) => m.source_id))],
        ids: [...new Set(ofKind.map((m) => m.native_id))],
      },
      format: 'JSONEachRow',
    });
    for (const row of await rs.json<{ source_id: string; id: string; updated_at: string }>())
      found.set(`${kind}\u0000${row.source_id}\u0000${row.id}`, fromDateTime64(row.updated_at));
  }
  return found;
}

function surveyRow(m: Mention, care: SurveyResponseFields, ingestedAt: string) {
  return {
    source_id: m.source_id,
    response_id: m.native_id,
    source: m.source,
    brand: m.brand,
    survey: care.survey,
    score: care.score,
    scale: SURVEY_SCALE[care.survey],
    channel: care.channel,
    respondent: care.respondent,
    submitted_at: toDateTime64(care.submitted_at, `submitted_at of ${m.source_id}/${m.native_id}`),
    updated_at: toDateTime64(care.updated_at, `updated_at of ${m.source_id}/${m.native_id}`),
    has_comment: m.text.trim() === '' ? 0 : 1,
    version: Math.round(care.updated_at),
    ingested_at: ingestedAt,
  };
}

function ticketRow(m: Mention, care: TicketFields, ingestedAt: string) {
  const where = `${m.source_id}/${m.native_id}`;
  return {
    source_id: m.source_id,
    ticket_id: m.native_id,
    source: m.source,
    brand: m.brand,
    channel: care.channel,
    created_at: toDateTime64(care.created_at, `created_at of ${where}`),
    first_response_ms:
      care.first_response_ms === undefined ? null : Math.max(0, Math.round(care.first_response_ms)),
    resolved: care.resolved ? 1 : 0,
    resolved_at:
      care.resolved_at === undefined ? null : toDateTime64(care.resolved_at, `resolved_at of ${where}`),
    reopened: Math.max(0, Math.round(care.reopened)),
    updated_at: toDateTime64(care.updated_at, `updated_at of ${where}`),
    version: Math.round(care.updated_at),
    ingested_at: ingestedAt,
  };
}

async function insertCareRows(store: Store, fresh: readonly CareMention[]): Promise<void> {
  const { client, table } = internals(store);
  const ingestedAt = toDateTime64(Date.now());
  const rows = { survey: [] as object[], ticket: [] as object[] };
  // One row per record id: a record attributed to its brand has one mention, a duplicate in the batch
  // keeps the last (as the mention writer does).
  const byKey = new Map(fresh.map((m) => [keyOf(m), m]));
  for (const m of byKey.values()) {
    try {
      if (m.care.kind === 'survey') rows.survey.push(surveyRow(m, m.care, ingestedAt));
      else rows.ticket.push(ticketRow(m, m.care, ingestedAt));
    } catch (error) {
      // The mention writer skipped and logged the same record (a date ClickHouse cannot hold).
      if (!(error instanceof InvalidMentionError)) throw error;
    }
  }
  for (const kind of ['survey', 'ticket'] as const) {
    if (rows[kind].length === 0) continue;
    await client.insert({ table: table(TABLE_OF[kind]), values: rows[kind], format: 'JSONEachRow' });
  }
}
