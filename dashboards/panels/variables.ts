/**
 * The dashboard template variables every panel may use. Grafana shows them as drop-downs; the web view
 * offers the same filters. Each is multi-value with an All option and no custom all value, so a filter
 * is written `$__conditionalAll(brand IN (${brand:singlequote}), $brand)`: All drops the condition
 * (`1=1`) instead of listing every option.
 */
import { TABLES } from '../../storage/schema.js';
import type { VariableDefinition } from './types.js';

export const VARIABLES: readonly VariableDefinition[] = [
  {
    name: 'brand',
    label: 'Brand',
    description: 'Brands (configured brand keys) whose mentions the panels count.',
    multi: true,
    includeAll: true,
    optionsSql: `SELECT DISTINCT brand FROM ${TABLES.mention_hourly} ORDER BY brand`,
  },
  {
    name: 'competitor',
    label: 'Competitors',
    description:
      "Brands benchmarked against the selected brands: the configuration's `competitors` lists. All = every brand.",
    multi: true,
    includeAll: true,
  },
  {
    name: 'source',
    label: 'Source',
    description:
      'Connector types (reddit, hackernews, appstore, …). Aspect panels ignore it (aspects are not kept per source).',
    multi: true,
    includeAll: true,
    optionsSql:
      `SELECT DISTINCT source FROM (SELECT source FROM ${TABLES.mention_hourly} ` +
      `UNION ALL SELECT source FROM ${TABLES.ingest_runs}) ORDER BY source`,
  },
  {
    name: 'aspect',
    label: 'Aspect',
    description: 'Customer-service aspects the scorer finds (support, wait_time, price, delivery, …).',
    multi: true,
    includeAll: true,
    optionsSql: `SELECT DISTINCT aspect FROM ${TABLES.aspect_hourly} ORDER BY aspect`,
  },
];

/** The definition of variable `name`. */
export function variable(name: VariableDefinition['name']): VariableDefinition {
  return VARIABLES.find((v) => v.name === name) as VariableDefinition;
}
