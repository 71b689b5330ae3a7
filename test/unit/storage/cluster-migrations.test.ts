/**
 * Cluster mode's DDL, statement by statement, for every migration; then the part of it that one node runs
 * (the replicated local tables and the views between them, with the Keeper-less engine) on chDB, fed the
 * way a shard is fed, to show the aggregate feed still adds up on the local tables.
 */
import { query } from 'chdb';
import { describe, expect, it } from 'vitest';
import { MigrationError } from '../../../storage/errors.js';
import {
  clusterStatements,
  LOCAL_SUFFIX,
  REPLICA_PATH,
  tablesCreatedBy,
  type ClusterContext,
} from '../../../storage/migrations/cluster.js';
import { MIGRATIONS } from '../../../storage/migrations/index.js';

const context: ClusterContext = {
  cluster: 'earshot',
  tables: new Set([...tablesCreatedBy(MIGRATIONS), 'schema_migrations']),
};
const ON_CLUSTER = 'ON CLUSTER `earshot`';
const statementsOf = (version: number): readonly string[] =>
  MIGRATIONS.find((m) => m.version === version)!.statements;
const createOf = (table: string): string =>
  MIGRATIONS.flatMap((m) => m.statements).find((s) =>
    s.includes(`CREATE TABLE IF NOT EXISTS {db}.${table} (`),
  )!;

describe('cluster mode DDL', () => {
  it('rewrites every statement of every migration (no kind it does not know)', () => {
    for (const migration of MIGRATIONS) {
      for (const statement of migration.statements) {
        const rewritten = clusterStatements(statement, context);
        expect(rewritten.length, `migration ${migration.version}`).toBeGreaterThan(0);
      }
    }
  });

  it('makes each table a replicated local table on every node plus a Distributed table under its own name', () => {
    for (const table of tablesCreatedBy(MIGRATIONS)) {
      const original = createOf(table);
      const [local, distributed, ...rest] = clusterStatements(original, context);
      expect(rest).toEqual([]);
      expect(local).toContain(`CREATE TABLE IF NOT EXISTS {db}.${table}${LOCAL_SUFFIX} ${ON_CLUSTER} (`);
      expect(local).toMatch(new RegExp(`\\nENGINE = Replicated\\w*MergeTree\\(${escape(REPLICA_PATH)}`));
      // Nothing else of the table changes: columns, partitioning, ORDER BY, TTL and comments are kept.
      const engine = /\nENGINE = Replicated(\w*MergeTree)\((.*)\)/.exec(local!)!;
      const args = engine[2]!.replace(REPLICA_PATH, '').replace(/^, /, '');
      const back = local!
        .replace(`${LOCAL_SUFFIX} ${ON_CLUSTER}`, '')
        .replace(engine[0], `\nENGINE = ${engine[1]}${args ? `(${args})` : ''}`);
      expect(back.replace(/\s+/g, ' ')).toBe(original.replace(/\s+/g, ' '));
      expect(distributed).toMatch(
        new RegExp(
          `^CREATE TABLE IF NOT EXISTS \\{db\\}\\.${table} ${escape(ON_CLUSTER)} AS \\{db\\}\\.${table}_local\\n` +
            `ENGINE = Distributed\\('earshot', \\{db\\}, ${table}_local, cityHash64\\(`,
        ),
      );
    }
  });

  it('shards each table by its whole ORDER BY key, so all versions of a row meet on one shard for FINAL', () => {
    const shardingKey = (table: string): string =>
      /cityHash64\((.*)\)\)/.exec(clusterStatements(createOf(table), context)[1]!)![1]!;
    expect(shardingKey('mentions')).toBe('brand, source_id, native_id');
    expect(shardingKey('alerts')).toBe('id');
    expect(shardingKey('connector_cursors')).toBe('source_id');
    expect(shardingKey('ingest_runs')).toBe('source_id, started_at, run_id');
    for (const table of tablesCreatedBy(MIGRATIONS)) {
      const orderBy = /\n\s*ORDER BY \(?([^)\n]*)\)?/.exec(createOf(table))![1]!;
      expect(shardingKey(table), table).toBe(orderBy);
    }
  });

  it('keeps the Replicated engine arguments: the version column of a Replacing table', () => {
    const [local] = clusterStatements(createOf('mentions'), context);
    expect(local).toContain(`ENGINE = ReplicatedReplacingMergeTree(${REPLICA_PATH}, version)`);
    const [aggregate] = clusterStatements(createOf('mention_hourly'), context);
    expect(aggregate).toContain(`ENGINE = ReplicatedAggregatingMergeTree(${REPLICA_PATH})`);
  });

  it('points every materialized view at the local tables, keeping its own name', () => {
    const views = MIGRATIONS.flatMap((m) => m.statements).filter((s) => /CREATE MATERIALIZED VIEW/.test(s));
    expect(views.length).toBeGreaterThanOrEqual(4);
    for (const view of views) {
      const [rewritten, ...rest] = clusterStatements(view, context);
      expect(rest).toEqual([]);
      const name = /VIEW IF NOT EXISTS \{db\}\.(\w+)/.exec(view)![1]!;
      expect(rewritten).toContain(`VIEW IF NOT EXISTS {db}.${name} ${ON_CLUSTER} TO {db}.`);
      // Every table it names is a local one.
      for (const [, table] of rewritten!.matchAll(/\{db\}\.(\w+)/g)) {
        if (table !== name) expect(table, `${name} reads or writes ${table}`).toMatch(/_local$/);
      }
    }
    const [hourly] = clusterStatements(
      views.find((v) => v.includes('mention_hourly_mv'))!,
      context,
    );
    expect(hourly).toContain('TO {db}.mention_hourly_local AS');
    expect(hourly).toContain('FROM {db}.mentions_local');
  });

  it('alters columns on the local and the Distributed table, on every node', () => {
    const [comment] = statementsOf(3);
    expect(clusterStatements(comment!, context)).toEqual([
      comment!.replace('ALTER TABLE {db}.mentions ', `ALTER TABLE {db}.mentions_local ${ON_CLUSTER} `),
      comment!.replace('ALTER TABLE {db}.mentions ', `ALTER TABLE {db}.mentions ${ON_CLUSTER} `),
    ]);
    for (const add of statementsOf(7)) {
      expect(clusterStatements(add, context).map((s) => s.slice(0, 50))).toEqual([
        `ALTER TABLE {db}.mentions_local ${ON_CLUSTER} ADD COLUMN`.slice(0, 50),
        `ALTER TABLE {db}.mentions ${ON_CLUSTER} ADD COLUMN IF`.slice(0, 50),
      ]);
    }
  });

  it('runs a backfill INSERT … SELECT once, through the Distributed names', () => {
    const backfills = MIGRATIONS.flatMap((m) => m.statements).filter((s) => /^\s*INSERT INTO/.test(s));
    expect(backfills.length).toBeGreaterThan(0);
    for (const backfill of backfills) expect(clusterStatements(backfill, context)).toEqual([backfill]);
  });

  it('refuses a statement it cannot rewrite, naming the file to teach', () => {
    expect(() => clusterStatements('TRUNCATE TABLE {db}.mentions', context)).toThrow(MigrationError);
    expect(() => clusterStatements('TRUNCATE TABLE {db}.mentions', context)).toThrow(
      /storage\/migrations\/cluster\.ts/,
    );
    expect(() => clusterStatements('ALTER TABLE {db}.nope ADD COLUMN x UInt8', context)).toThrow(
      /no migration creates/,
    );
  });
});

describe('the local half of cluster mode on one node (chDB)', () => {
  // What one shard runs, minus Keeper: the local tables with their non-replicated engine, and the views.
  const db = '`cluster_local`';
  const onNode = (statement: string): string =>
    statement
      .replace(` ${ON_CLUSTER}`, '')
      .replace(
        new RegExp(`Replicated(\\w*MergeTree)\\(${escape(REPLICA_PATH)}(?:, )?([^)]*)\\)`),
        (_m, family: string, args: string) => (args ? `${family}(${args})` : family),
      )
      .replaceAll('{db}', db);

  const needsCluster = (statement: string): boolean =>
    /ENGINE = Distributed|^\s*INSERT INTO/.test(statement) ||
    (/^\s*ALTER TABLE \{db\}\.\w+ ON CLUSTER/.test(statement) &&
      !statement.includes(`${LOCAL_SUFFIX} ON CLUSTER`));

  it('creates every local table and view, and the +1/−1 feed adds up on the local aggregates', () => {
    query(`CREATE DATABASE IF NOT EXISTS ${db}`);
    for (const migration of MIGRATIONS) {
      for (const statement of migration.statements) {
        const rewritten = clusterStatements(statement, context);
        // The Distributed tables (created, altered) and the backfills need the cluster; the rest runs on the node.
        for (const s of rewritten.filter((s) => !needsCluster(s))) query(onNode(s));
      }
    }
    const tables = query(
      `SELECT name FROM system.tables WHERE database = 'cluster_local' ORDER BY name`,
      'CSV',
    );
    for (const table of tablesCreatedBy(MIGRATIONS)) expect(tables).toContain(`"${table}_local"`);

    // A shard receives two new mentions, then a rescored version of the first (negative → positive).
    const at = "'2026-03-02 10:05:00.000'";
    query(
      `INSERT INTO ${db}.mentions_local (brand, source, source_id, native_id, label, published_at, prev_published_at, version, prev_exists, prev_label)
       VALUES ('acme', 'reddit', 'r', 'a', 'negative', ${at}, ${at}, 1, 0, ''),
              ('acme', 'reddit', 'r', 'b', 'neutral', ${at}, ${at}, 1, 0, ''),
              ('acme', 'reddit', 'r', 'a', 'positive', ${at}, ${at}, 2, 1, 'negative')`,
    );
    const hourly = query(
      `SELECT sum(volume), sum(positive), sum(neutral), sum(negative) FROM ${db}.mention_hourly_local WHERE brand = 'acme'`,
      'CSV',
    );
    expect(hourly.trim()).toBe('2,1,1,0');
    const fiveMinute = query(`SELECT sum(volume) FROM ${db}.mention_5m_local WHERE brand = 'acme'`, 'CSV');
    expect(fiveMinute.trim()).toBe('2');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
