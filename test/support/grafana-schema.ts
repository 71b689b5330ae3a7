/**
 * Grafana's dashboard JSON schema (the foundation SDK's jsonschema/, in the shared folder) for tests, and the
 * normalisation of its known quirks, explained in test/unit/dashboards/dashboards.test.ts: a query variable's
 * object query (the ClickHouse plugin's `{ editorType, rawSql }`) and override matcher options / values,
 * which Grafana types `any` and the schema renders as "object". Each quirky value is first checked against
 * what Grafana needs, then replaced; nothing else is touched.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { sharedDir } from './shared.js';

type Json = Record<string, unknown>;

/** `<name>.jsonschema.json` from the shared schema folder. */
export function loadGrafanaSchema(name: string): Json {
  return JSON.parse(
    readFileSync(join(sharedDir(), 'schemas', 'grafana', `${name}.jsonschema.json`), 'utf8'),
  ) as Json;
}

/** The dashboard with the schema quirks (header comment) normalised, after checking the values Grafana needs. */
export function withSchemaQuirksNormalized(dashboard: Json): Json {
  const copy = structuredClone(dashboard);
  const list = ((copy.templating as Json | undefined)?.list ?? []) as Json[];
  for (const v of list) {
    if (v.type === 'query' && v.query && typeof v.query === 'object') {
      const rawSql = (v.query as Json).rawSql;
      expect(typeof rawSql).toBe('string');
      v.query = rawSql;
    }
  }
  for (const panel of (copy.panels ?? []) as Json[]) {
    const overrides = ((panel.fieldConfig as Json | undefined)?.overrides ?? []) as Json[];
    for (const o of overrides) {
      const matcher = o.matcher as Json;
      expect(matcher.id).toBe('byName');
      expect(typeof matcher.options).toBe('string');
      expect(JSON.stringify(panel.targets)).toContain(matcher.options as string);
      matcher.options = {};
      for (const property of o.properties as Json[]) {
        const expected = { unit: 'string', links: 'array', 'custom.cellOptions': 'object' }[
          property.id as string
        ];
        expect(Array.isArray(property.value) ? 'array' : typeof property.value, String(property.id)).toBe(
          expected,
        );
        property.value = {};
      }
    }
  }
  return copy;
}
