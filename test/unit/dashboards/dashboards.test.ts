/**
 * Every built dashboard validates against Grafana's dashboard JSON schema (the foundation SDK's
 * jsonschema/, read from the shared folder) and each panel's options against its plugin's schema; the
 * JSON is snapshot-tested; uids are stable and the dashboards link to each other.
 *
 * The one known quirk (tech reference B4): the schema types a query variable's `query` as a string or an
 * object of objects, so the ClickHouse plugin's `{ editorType: 'sql', rawSql }` (which Grafana accepts and
 * the plugin needs) fails it. Before validating, each query variable's object query is replaced by its
 * `rawSql` string, exactly that path and nothing else; the test also checks the object holds the SQL.
 *
 * The same generator artefact hits field overrides: Grafana types `MatcherConfig.options` and
 * `DynamicConfigValue.value` as `any` (the SDK's own TypeScript types say `any` too), the JSON schema renders
 * `any` as "an object". The SDK's `overrideByName` emits `options: "<field name>"` and a unit override a
 * string value, which Grafana requires. So those two values are checked against what Grafana expects
 * (a field name that is a result column; a string unit, an array of links, a cell-options object) and then
 * replaced by `{}` for the schema; everything else of each override is validated as is.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { DASHBOARDS, buildDashboards, dashboardContext } from '../../../dashboards/index.js';
import { PANELS, VARIABLES } from '../../../dashboards/panels/index.js';
import { loadGrafanaSchema as loadSchema, withSchemaQuirksNormalized } from '../../support/grafana-schema.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const validateDashboard = ajv.compile(loadSchema('dashboard'));
const PANEL_SCHEMA_FILES: Record<string, string> = {
  timeseries: 'timeseries',
  barchart: 'barchart',
  stat: 'stat',
  table: 'table',
  piechart: 'piechart',
  text: 'text',
};
const panelValidators = new Map<string, { options?: ValidateFunction; fieldConfig?: ValidateFunction }>();
for (const [type, file] of Object.entries(PANEL_SCHEMA_FILES)) {
  const schema = loadSchema(file);
  const defs = schema.definitions as Record<string, unknown>;
  const at = (name: string) =>
    defs[name] ? ajv.compile({ ...schema, $ref: `#/definitions/${name}` }) : undefined;
  panelValidators.set(type, { options: at('Options'), fieldConfig: at('FieldConfig') });
}

const CONFIG = {
  brands: [
    { key: 'acme', competitors: ['globex', 'initech'] },
    { key: 'globex', competitors: ['acme'] },
    { key: 'initech', competitors: [] },
  ],
};
type Json = Record<string, unknown>;
const dashboards = buildDashboards(dashboardContext(CONFIG as never)) as unknown as Json[];

function errorsOf(validate: ValidateFunction): string {
  return ajv.errorsText(validate.errors, { separator: '\n' });
}

describe('Grafana dashboard JSON', () => {
  it('builds at least five dashboards with stable, unique uids', () => {
    expect(dashboards.length).toBeGreaterThanOrEqual(5);
    expect(dashboards.map((d) => d.uid)).toEqual([
      'earshot-overview',
      'earshot-benchmark',
      'earshot-customer-service',
      'earshot-reviews',
      'earshot-alerts',
      'earshot-pipeline',
    ]);
    for (const d of dashboards) expect((d.uid as string).length).toBeLessThanOrEqual(40);
  });

  it.each(dashboards.map((d) => [d.uid, d]))('%s validates against dashboard.jsonschema.json', (_uid, d) => {
    const ok = validateDashboard(withSchemaQuirksNormalized(d as Json));
    expect(ok, errorsOf(validateDashboard)).toBe(true);
  });

  it('the quirk is real: the object query fails the schema as is', () => {
    const overview = dashboards[0] as Json;
    expect(validateDashboard(overview)).toBe(false);
    expect(errorsOf(validateDashboard)).toMatch(/templating\/list\/\d+\/query/);
  });

  it('the schema catches a broken dashboard (a wrong type)', () => {
    const broken = withSchemaQuirksNormalized(dashboards[0] as Json);
    ((broken.panels as Json[])[0]!.gridPos as Json).w = 'wide';
    expect(validateDashboard(broken)).toBe(false);
  });

  it.each(dashboards.map((d) => [d.uid, d]))(
    "%s: every panel's options validate against its plugin schema",
    (_uid, d) => {
      for (const panel of (d.panels ?? []) as Json[]) {
        if (panel.type === 'row') continue;
        const validators = panelValidators.get(panel.type as string);
        expect(validators, `no schema for panel type ${String(panel.type)}`).toBeDefined();
        if (validators?.options && panel.options) {
          expect(
            validators.options(panel.options),
            `${String(panel.title)}: ${errorsOf(validators.options)}`,
          ).toBe(true);
        }
        const custom = ((panel.fieldConfig as Json | undefined)?.defaults as Json | undefined)?.custom;
        if (validators?.fieldConfig && custom) {
          expect(
            validators.fieldConfig(custom),
            `${String(panel.title)}: ${errorsOf(validators.fieldConfig)}`,
          ).toBe(true);
        }
      }
    },
  );

  it('every panel definition is on a dashboard exactly once, with its SQL and description', () => {
    const targets = dashboards.flatMap((d) =>
      ((d.panels ?? []) as Json[]).flatMap((p) => ((p.targets ?? []) as Json[]).map((t) => [p, t] as const)),
    );
    for (const def of PANELS.filter((p) => p.id !== 'alerts.annotations')) {
      const found = targets.filter(([, t]) => t.rawSql === def.sql);
      expect(found, def.id).toHaveLength(1);
      const [panel, target] = found[0]!;
      expect(panel.description).toBe(def.description);
      expect(target).toMatchObject({
        editorType: 'sql',
        format: def.format === 'time_series' ? 0 : 1,
        datasource: { type: 'grafana-clickhouse-datasource', uid: '${datasource}' },
      });
    }
  });

  it("variables: datasource, brand (first brand), competitors from the config, and the query variables' SQL", () => {
    const benchmark = dashboards[1] as Json;
    const list = (benchmark.templating as Json).list as Json[];
    expect(list.map((v) => v.name)).toEqual(['datasource', 'brand', 'competitor', 'source', 'aspect']);
    expect(list[0]).toMatchObject({ type: 'datasource', query: 'grafana-clickhouse-datasource' });
    expect(list[1]).toMatchObject({ multi: true, includeAll: true, current: { value: ['acme'] } });
    expect(list[2]).toMatchObject({
      type: 'custom',
      query: 'globex,initech,acme',
      current: { value: ['globex', 'initech'] },
    });
    for (const v of list.filter((x) => x.type === 'query')) {
      expect((v.query as Json).rawSql).toBe(VARIABLES.find((d) => d.name === v.name)?.optionsSql);
    }
  });

  it('links every dashboard to the others by tag, keeping time and variables', () => {
    for (const d of dashboards) {
      expect(d.tags).toContain('earshot');
      expect(d.links).toEqual([
        expect.objectContaining({ type: 'dashboards', tags: ['earshot'], includeVars: true, keepTime: true }),
      ]);
    }
  });

  it('panels do not overlap on the grid', () => {
    for (const d of dashboards) {
      const cells = new Set<string>();
      for (const p of (d.panels ?? []) as Json[]) {
        const { x, y, w, h } = p.gridPos as { x: number; y: number; w: number; h: number };
        expect(x + w).toBeLessThanOrEqual(24);
        for (let i = x; i < x + w; i++)
          for (let j = y; j < y + h; j++) {
            expect(cells.has(`${i},${j}`), `${d.uid}: ${String(p.title)} overlaps`).toBe(false);
            cells.add(`${i},${j}`);
          }
      }
    }
  });

  it.each(DASHBOARDS.map((s, i) => [s.uid, i]))('%s matches its snapshot', (_uid, i) => {
    expect(JSON.stringify(dashboards[i], null, 2)).toMatchSnapshot();
  });
});
