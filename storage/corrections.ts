/**
 * User corrections of mention sentiment (issue 13). `recordCorrection` is the correction API (the CLI's
 * `earshot label` and, later, the web view call it): it keeps the correction with who / when / old → new in
 * `corrections` and stores the mention again with the corrected label through the mention writer, so the
 * +1 / −1 aggregate feed moves exactly. `storedCorrections` + `withCorrections` re-apply the latest correction of each
 * mention to freshly scored ones (rescoring), so a correction survives any scorer version.
 */
import { StorageError } from '../core/errors.js';
import {
  CORRECTED_LABELS,
  applyCorrection,
  type CorrectedLabel,
  type CorrectionInput,
} from '../core/correction.js';
import type { AspectScore, Mention } from '../core/mention.js';
import type { Store } from './client.js';
import { fromDateTime64, toDateTime64 } from './datetime.js';
import { internals } from './internals.js';
import { KEY_SET, keySetParameter } from './key-set.js';
import { upsertMentions } from './mentions.js';
import { resultObjects } from './query.js';
import type { ReadQuery } from './read-query.js';
import { runReadQuery } from './read-query.js';
import { toMention, type StoredMention } from './stored-mention.js';
import { TABLES } from './schema.js';

export type { CorrectedLabel, CorrectionInput } from '../core/correction.js';

/** The mention to correct is not stored (or the source names several). */
export class CorrectionTargetError extends StorageError {
  override name = 'CorrectionTargetError';
}

/** One stored correction. */
export interface CorrectionRecord {
  corrected_at: number;
  corrected_by: string;
  via: string;
  source: string;
  source_id: string;
  native_id: string;
  brand: string;
  text: string;
  old_label: string;
  new_label: CorrectedLabel;
  old_aspects: AspectScore[];
  new_aspects: Record<string, CorrectedLabel>;
  old_scorer_version: string;
}

/** What `recordCorrection` did: the stored correction, the mention before and as now stored. */
export interface CorrectionResult {
  correction: CorrectionRecord;
  before: Mention;
  after: Mention;
}

const MENTION_COLUMNS = `source, source_id, native_id, brand, kind, url, author, author_followers, title, text, lang,
  published_at, fetched_at, likes, shares, replies, engagement_score, rating, rating_scale,
  sentiment, label, confidence, aspects, scorer_version, story_id`;

function checkLabel(label: string, what: string): CorrectedLabel {
  if (!(CORRECTED_LABELS as readonly string[]).includes(label))
    throw new CorrectionTargetError(
      `${what} must be one of ${CORRECTED_LABELS.join(', ')} (got ${JSON.stringify(label)})`,
    );
  return label as CorrectedLabel;
}

async function findMention(store: Store, input: CorrectionInput): Promise<Mention> {
  const { client, table } = internals(store);
  const rs = await client.query({
    query: `
      SELECT ${MENTION_COLUMNS}
      FROM ${table('mentions')} FINAL
      WHERE brand = {brand:String} AND native_id = {native_id:String}
        AND (source_id = {source:String} OR source = {source:String})`,
    query_params: { brand: input.brand, native_id: input.native_id, source: input.source },
    format: 'JSONEachRow',
  });
  const rows = await rs.json<StoredMention>();
  const ids = [...new Set(rows.map((r) => r.source_id))];
  if (ids.length > 1) {
    throw new CorrectionTargetError(
      `Mention ${input.native_id} of brand ${input.brand} is stored by several sources of type ${input.source} ` +
        `(${ids.join(', ')}); name the source id instead of the type`,
    );
  }
  const row = rows.find((r) => r.source_id === input.source) ?? rows[0];
  if (!row) {
    throw new CorrectionTargetError(
      `No stored mention ${input.source}/${input.native_id} for brand ${input.brand}: check the source id (or type), ` +
        `the native id and the brand key (earshot sql "SELECT source_id, native_id, brand FROM mentions FINAL LIMIT 10")`,
    );
  }
  return toMention(row);
}

/**
 * Records a correction and stores the mention with the corrected label, score consistent with it,
 * confidence 1 and the corrected aspect labels. The aggregates follow exactly (the writer emits −1 for the
 * old state, +1 for the new). Throws `CorrectionTargetError` for an unknown mention or label.
 */
export async function recordCorrection(
  store: Store,
  input: CorrectionInput,
  now: number = Date.now(),
): Promise<CorrectionResult> {
  const label = checkLabel(input.label, 'The label');
  const aspects: Record<string, CorrectedLabel> = {};
  for (const [aspect, l] of Object.entries(input.aspects ?? {}))
    aspects[aspect] = checkLabel(l, `The label of aspect ${aspect}`);
  const before = await findMention(store, input);
  const correction: CorrectionRecord = {
    corrected_at: now,
    corrected_by: input.by,
    via: input.via,
    source: before.source,
    source_id: before.source_id,
    native_id: before.native_id,
    brand: before.brand,
    text: before.title ? `${before.title}\n${before.text}` : before.text,
    old_label: before.label,
    new_label: label,
    old_aspects: before.aspects,
    new_aspects: aspects,
    old_scorer_version: before.scorer_version,
  };
  const { client, table } = internals(store);
  await client.insert({
    table: table('corrections'),
    values: [
      {
        ...correction,
        corrected_at: toDateTime64(now),
        new_aspects: Object.entries(aspects).map(([aspect, label]) => ({ aspect, label })),
      },
    ],
    format: 'JSONEachRow',
  });
  const after = applyCorrection(before, { label, aspects });
  await upsertMentions(store, [after]);
  return { correction, before, after };
}

/** A named tuple arrives as an object (JSONEachRow) or as an array (compact formats). */
type AspectLabelCell = { aspect: string; label: string } | [string, string];

function aspectLabels(cells: readonly AspectLabelCell[]): Record<string, CorrectedLabel> {
  const out: Record<string, CorrectedLabel> = {};
  for (const c of cells) {
    const [aspect, label] = Array.isArray(c) ? c : [c.aspect, c.label];
    out[aspect] = label as CorrectedLabel;
  }
  return out;
}

interface CorrectionRow extends Omit<CorrectionRecord, 'corrected_at' | 'new_aspects' | 'new_label'> {
  corrected_at: string;
  new_label: string;
  new_aspects: AspectLabelCell[];
}

const fromRow = (r: CorrectionRow): CorrectionRecord => ({
  ...r,
  corrected_at: fromDateTime64(r.corrected_at),
  new_label: r.new_label as CorrectedLabel,
  new_aspects: aspectLabels(r.new_aspects),
});

/**
 * The correction in force per mention (the latest), optionally of one brand, oldest first: what the engine
 * learns from (`createAnalyzer({ corrections })`) and what `earshot eval --corrections` holds back.
 */
export function correctionsQuery(brand?: string): ReadQuery<CorrectionRecord[]> {
  return {
    name: 'corrections',
    // Aggregated (one small block) rather than LIMIT 1 BY: the same answer, in fewer result blocks.
    sql: `
      SELECT max(at) AS corrected_at, argMax(by, at) AS corrected_by, argMax(v, at) AS via,
             any(src) AS source, source_id, native_id, brand, argMax(txt, at) AS text,
             argMax(old, at) AS old_label, argMax(new, at) AS new_label,
             argMax(old_a, at) AS old_aspects, argMax(new_a, at) AS new_aspects,
             argMax(old_v, at) AS old_scorer_version
      FROM (
        SELECT corrected_at AS at, corrected_by AS by, via AS v, source AS src, source_id, native_id, brand,
               text AS txt, old_label AS old, new_label AS new, old_aspects AS old_a, new_aspects AS new_a,
               old_scorer_version AS old_v
        FROM ${TABLES.corrections}
        ${brand === undefined ? '' : 'WHERE brand = {brand:String}'}
      )
      GROUP BY brand, source_id, native_id
      ORDER BY corrected_at, brand, source_id, native_id`,
    params: brand === undefined ? {} : { brand },
    decode: (result) =>
      (resultObjects(result) as unknown as CorrectionRow[])
        .map(fromRow)
        .sort((x, y) => x.corrected_at - y.corrected_at),
  };
}

/** Every correction in force (see `correctionsQuery`). */
export async function listCorrections(store: Store, brand?: string): Promise<CorrectionRecord[]> {
  return runReadQuery(store, correctionsQuery(brand));
}

/** The correction in force of each corrected mention among `mentions`, by `correctionKey`. */
export type StoredCorrections = ReadonlyMap<string, StoredCorrection>;
interface StoredCorrection {
  label: CorrectedLabel;
  aspects: Record<string, CorrectedLabel>;
}
const correctionKey = (m: { brand: string; source_id: string; native_id: string }): string =>
  JSON.stringify([m.brand, m.source_id, m.native_id]);

/**
 * The corrections in force for `mentions` (one read), for `withCorrections`: rescoring applies them to what
 * it re-scored, so it never undoes a correction.
 */
export async function storedCorrections(
  store: Store,
  mentions: readonly Mention[],
): Promise<StoredCorrections> {
  const found = new Map<string, StoredCorrection>();
  if (mentions.length === 0) return found;
  const { client, table } = internals(store);
  const rs = await client.query({
    query: `
      SELECT brand, source_id, native_id, argMax(new_label, corrected_at) AS label,
             argMax(new_aspects, corrected_at) AS aspects
      FROM ${table('corrections')}
      WHERE (brand, source_id, native_id) IN ${KEY_SET}
      GROUP BY brand, source_id, native_id`,
    query_params: { keys: keySetParameter(mentions) },
    format: 'JSONEachRow',
  });
  for (const r of await rs.json<{
    brand: string;
    source_id: string;
    native_id: string;
    label: string;
    aspects: AspectLabelCell[];
  }>()) {
    found.set(correctionKey(r), { label: r.label as CorrectedLabel, aspects: aspectLabels(r.aspects) });
  }
  return found;
}

/** `mentions` with the corrections of `found` applied (see `storedCorrections`). */
export function withCorrections(mentions: readonly Mention[], found: StoredCorrections): Mention[] {
  if (found.size === 0) return [...mentions];
  return mentions.map((m) => {
    const c = found.get(correctionKey(m));
    return c ? applyCorrection(m, c) : m;
  });
}
