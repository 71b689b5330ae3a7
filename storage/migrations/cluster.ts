/**
 * Cluster mode (`CLICKHOUSE_CLUSTER=<name>`): the same migrations, rewritten statement by statement for a
 * ClickHouse cluster, so every part of Earshot reads and writes the same table names in both modes.
 *
 * - A table `X` becomes `X_local` on every node (`ON CLUSTER`), with the Replicated variant of its engine
 *   (`ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', version)`),
 *   and `X` itself becomes a `Distributed` table over `X_local`, sharded by a hash of `X`'s ORDER BY key.
 *   For the Replacing tables that key is what FINAL deduplicates on, so every version of a mention (and of an
 *   alert, a run, a cursor…) lands on one shard, and FINAL, which works per shard, stays exact.
 * - A materialized view reads and writes the `_local` tables on each node: an insert into `mentions` is routed
 *   to one shard's `mentions_local`, whose views feed that shard's `mention_hourly_local` with the +1 / −1 rows
 *   of that mention. Reads sum the aggregates over all shards through the Distributed names.
 * - `ALTER TABLE` of columns goes to both the local and the Distributed table; other ALTERs and OPTIMIZE to the
 *   local one. `INSERT … SELECT` (a backfill) is left as it is: it runs once, through the Distributed names.
 *
 * A statement of another kind throws `MigrationError`, so a new migration that this file does not understand
 * fails its test instead of creating a half-clustered schema.
 */
import { MigrationError } from '../errors.js';
import type { Migration } from './types.js';

/** Where the rewritten statements run. */
export interface ClusterContext {
  /** Cluster name as in the servers' `remote_servers` (an identifier). */
  cluster: string;
  /** Every table the migrations create (`tablesCreatedBy`): the names that get a `_local` twin. */
  tables: ReadonlySet<string>;
}

/** Suffix of the per-node table under each Distributed table. */
export const LOCAL_SUFFIX = '_local';

/** Keeper path of each replicated table; ClickHouse fills in the macros per node and table. */
export const REPLICA_PATH = "'/clickhouse/tables/{shard}/{database}/{table}', '{replica}'";

const CREATE_TABLE = /^\s*CREATE TABLE IF NOT EXISTS \{db\}\.(\w+)\s*\(/;
const CREATE_VIEW = /^\s*CREATE (MATERIALIZED )?VIEW IF NOT EXISTS \{db\}\.(\w+)\s/;
const ALTER_TABLE = /^\s*ALTER TABLE \{db\}\.(\w+)\s+([\s\S]*)$/;
const OPTIMIZE_TABLE = /^\s*OPTIMIZE TABLE \{db\}\.(\w+)([\s\S]*)$/;
const INSERT_SELECT = /^\s*INSERT INTO \{db\}\.\w+[\s(]/;
const COLUMN_ACTION = /^(ADD|DROP|MODIFY|COMMENT|RENAME|CLEAR) COLUMN\b/;

/** Names of the tables `migrations` create, in order (views are not tables). */
export function tablesCreatedBy(migrations: readonly Migration[]): Set<string> {
  const tables = new Set<string>();
  for (const statement of migrations.flatMap((m) => m.statements)) {
    const name = CREATE_TABLE.exec(statement)?.[1];
    if (name) tables.add(name);
  }
  return tables;
}

/** The statements that do on a cluster what `statement` does on one server. */
export function clusterStatements(statement: string, context: ClusterContext): string[] {
  const onCluster = `ON CLUSTER \`${context.cluster}\``;
  const table = CREATE_TABLE.exec(statement);
  if (table) return createTable(statement, table[1]!, context, onCluster);

  const view = CREATE_VIEW.exec(statement);
  if (view) {
    // The view itself is a per-node object under its own name; what it reads and writes are the locals.
    const named = `{db}.${view[2]!}`;
    const at = statement.indexOf(named) + named.length;
    return [localNames(`${statement.slice(0, at)} ${onCluster}${statement.slice(at)}`, context)];
  }

  const alter = ALTER_TABLE.exec(statement);
  if (alter) {
    const [, name, action] = alter as unknown as [string, string, string];
    known(name, context, statement);
    const local = `ALTER TABLE {db}.${name}${LOCAL_SUFFIX} ${onCluster} ${action}`;
    return COLUMN_ACTION.test(action.trim())
      ? [local, `ALTER TABLE {db}.${name} ${onCluster} ${action}`]
      : [local];
  }

  const optimize = OPTIMIZE_TABLE.exec(statement);
  if (optimize) {
    known(optimize[1]!, context, statement);
    return [`OPTIMIZE TABLE {db}.${optimize[1]!}${LOCAL_SUFFIX} ${onCluster}${optimize[2]!}`];
  }

  if (INSERT_SELECT.test(statement)) return [statement];

  throw new MigrationError(
    `Cluster mode cannot rewrite this migration statement: ${statement.trim().slice(0, 80)}… ` +
      'Teach storage/migrations/cluster.ts its kind (CREATE TABLE / VIEW, ALTER, OPTIMIZE and INSERT … SELECT are known).',
  );
}

/** `X_local` with the Replicated engine, then `X` as a Distributed table over it. */
function createTable(statement: string, name: string, context: ClusterContext, onCluster: string): string[] {
  const engine = /\n\s*ENGINE = (\w*MergeTree)(?:\(([^)]*)\))?/.exec(statement);
  if (!engine) {
    throw new MigrationError(`Cluster mode: table ${name} has no *MergeTree engine clause to replicate.`);
  }
  const [clause, family, args] = engine as unknown as [string, string, string | undefined];
  const replicated = `\nENGINE = Replicated${family}(${[REPLICA_PATH, args?.trim()].filter(Boolean).join(', ')})`;
  const orderBy = /\n\s*ORDER BY (\([^)\n]*\)|[\w.]+)/.exec(statement)?.[1];
  if (!orderBy) throw new MigrationError(`Cluster mode: table ${name} has no ORDER BY to shard by.`);
  const comment = /\nCOMMENT ('(?:[^']|'')*')\s*$/.exec(statement)?.[1];

  const local = statement
    .replace(`{db}.${name}`, `{db}.${name}${LOCAL_SUFFIX} ${onCluster}`)
    .replace(clause, replicated);
  const shardingKey = orderBy.startsWith('(') ? `cityHash64${orderBy}` : `cityHash64(${orderBy})`;
  const distributed =
    `CREATE TABLE IF NOT EXISTS {db}.${name} ${onCluster} AS {db}.${name}${LOCAL_SUFFIX}\n` +
    `ENGINE = Distributed('${context.cluster}', {db}, ${name}${LOCAL_SUFFIX}, ${shardingKey})` +
    (comment ? `\nCOMMENT ${comment}` : '');
  return [local, distributed];
}

/** Every `{db}.<table>` of a known table renamed to its local twin. */
function localNames(statement: string, context: ClusterContext): string {
  return statement.replace(/\{db\}\.(\w+)\b/g, (whole, name: string) =>
    context.tables.has(name) ? `{db}.${name}${LOCAL_SUFFIX}` : whole,
  );
}

function known(name: string, context: ClusterContext, statement: string): void {
  if (!context.tables.has(name)) {
    throw new MigrationError(
      `Cluster mode: ${statement.trim().slice(0, 60)}… names table ${name}, which no migration creates.`,
    );
  }
}
