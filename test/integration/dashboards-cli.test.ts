/**
 * `earshot dashboards build --out DIR` as a user runs it: at least five dashboards and the provisioning
 * files are written; every dashboard validates against Grafana's schema; every panel query in the written
 * JSON (exactly what Grafana will send) runs on chDB over demo data once the plugin's macros and Grafana's
 * variables are expanded.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expandPanelSql, grafanaIntervalSeconds } from '../../dashboards/panels/index.js';
import { upsertMentions } from '../../storage/mentions.js';
import { runPanelQuery } from '../../storage/panel-query.js';
import { runEarshot } from '../e2e/support.js';
import { loadGrafanaSchema, withSchemaQuirksNormalized } from '../support/grafana-schema.js';
import { openTestStore } from '../unit/storage/helpers.js';
import { FIXTURE_MENTIONS, T0 } from '../unit/dashboards/fixture.js';
import { seedPipelineFixture } from '../unit/dashboards/pipeline-fixture.js';

type Json = Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'earshot-dashboards-cli-'));
const out = join(dir, 'out');

const CONFIG = `
brands:
  - key: acme
    name: Acme
    keywords: { include: [acme] }
    competitors: [globex]
  - key: globex
    name: Globex
    keywords: { include: [globex] }
grafana:
  datasource: { host: clickhouse, port: 8123, database: earshot }
`;

let build: Awaited<ReturnType<typeof runEarshot>>;
beforeAll(async () => {
  writeFileSync(join(dir, 'earshot.config.yaml'), CONFIG);
  build = await runEarshot([
    'dashboards',
    'build',
    '--out',
    out,
    '--config',
    join(dir, 'earshot.config.yaml'),
  ]);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readJson = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json;

describe('earshot dashboards build --out DIR', () => {
  it('writes at least five dashboards and the provisioning files, and says where to mount them', () => {
    expect(build.code, build.stderr).toBe(0);
    const files = readdirSync(join(out, 'dashboards'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(build.stdout).toMatch(/Built 6 dashboards/);
    const datasource = parse(
      readFileSync(join(out, 'provisioning', 'datasources', 'earshot.yaml'), 'utf8'),
    ) as Json;
    expect((datasource.datasources as Json[])[0]).toMatchObject({
      type: 'grafana-clickhouse-datasource',
      uid: 'earshot-clickhouse',
      jsonData: { host: 'clickhouse', username: 'grafana', defaultDatabase: 'earshot' },
      secureJsonData: { password: '${EARSHOT_GRAFANA_CLICKHOUSE_PASSWORD}' },
    });
    const provider = parse(
      readFileSync(join(out, 'provisioning', 'dashboards', 'earshot.yaml'), 'utf8'),
    ) as Json;
    expect((provider.providers as Json[])[0]).toMatchObject({ type: 'file', folderUid: 'earshot' });
  });

  it("every written dashboard validates against Grafana's dashboard schema", () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(loadGrafanaSchema('dashboard'));
    for (const file of readdirSync(join(out, 'dashboards'))) {
      const dashboard = readJson(join(out, 'dashboards', file));
      expect(dashboard.id).toBeNull();
      expect(
        validate(withSchemaQuirksNormalized(dashboard)),
        `${file}: ${JSON.stringify(validate.errors)}`,
      ).toBe(true);
    }
  });

  it('every panel query of the written JSON runs on demo data with macros and variables expanded', async () => {
    const { store, cleanup } = await openTestStore();
    try {
      await upsertMentions(store, FIXTURE_MENTIONS);
      await seedPipelineFixture(store);
      const from = new Date(T0 - 86_400_000);
      const to = new Date(T0 + 86_400_000);
      let ran = 0;
      for (const file of readdirSync(join(out, 'dashboards'))) {
        const dashboard = readJson(join(out, 'dashboards', file));
        const annotations = ((dashboard.annotations as Json).list ?? []) as Json[];
        const queries = [
          ...((dashboard.panels ?? []) as Json[]).flatMap((p) =>
            ((p.targets ?? []) as Json[]).map((t) => ({
              sql: t.rawSql as string,
              format: t.format,
              interval: p.interval,
            })),
          ),
          ...annotations.map((a) => ({
            sql: (a.target as Json).rawSql as string,
            format: 1,
            interval: undefined,
          })),
        ];
        for (const q of queries) {
          const minIntervalSeconds =
            q.interval === '1h' ? 3600 : q.interval === '5m' ? 300 : q.interval === '1m' ? 60 : undefined;
          const sql = expandPanelSql(q.sql, {
            from,
            to,
            intervalSeconds: grafanaIntervalSeconds(from, to, { minIntervalSeconds }),
            variables: { brand: ['acme'], competitor: ['globex'], source: 'All', aspect: 'All' },
          });
          const result = await runPanelQuery(store, sql);
          if (q.format === 0) expect(result.columns[0]?.kind, q.sql).toBe('time');
          ran += 1;
        }
      }
      expect(ran).toBeGreaterThanOrEqual(30);
    } finally {
      await cleanup();
    }
  }, 120_000);
});
