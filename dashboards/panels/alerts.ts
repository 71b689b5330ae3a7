/**
 * Alert panels over the `alerts` and `alert_deliveries` tables (migration 5): a timeline of alerts opened,
 * the alert table with evidence and delivery status per channel, and the annotation query other dashboards
 * use to mark alerts on their time series. Alerts learned from stored history (`history = 1`) were never
 * delivered and are left out.
 */
import { TABLES } from '../../storage/schema.js';
import { BRAND_FILTER } from './sql.js';
import type { PanelDefinition } from './types.js';

const ALERT_FILTER = `$__timeFilter(window_start)\n  AND history = 0\n  AND ${BRAND_FILTER}`;

export const alertsTimeline: PanelDefinition = {
  id: 'alerts.timeline',
  title: 'Alerts opened',
  description:
    'Alerts per bucket by kind (volume_spike, negative_spike, aspect_spike, drop, silence), counted at the 5-minute window in which each incident opened.',
  visual: 'bars-over-time',
  format: 'time_series',
  sql: `SELECT $__timeInterval(window_start) AS time, kind, count() AS alerts
FROM ${TABLES.alerts} FINAL
WHERE ${ALERT_FILTER}
GROUP BY time, kind
ORDER BY time, kind`,
  columns: [
    { name: 'time', kind: 'time' },
    { name: 'kind', kind: 'string' },
    { name: 'alerts', kind: 'number', unit: 'short' },
  ],
  variables: ['brand'],
  minIntervalSeconds: 300,
};

export const alertsTable: PanelDefinition = {
  id: 'alerts.table',
  title: 'Alerts',
  description:
    "**Alerts** in the range, newest first: what fired, on which scope (brand, one source, one aspect), observed vs expected (baseline of the same hour of week), severity 0–1, state, the evidence (top negative mentions with links, moving sources and aspects; JSON) and each channel's delivery status (`channel transition: status`).",
  visual: 'table',
  format: 'table',
  sql: `SELECT a.window_start AS time, a.window_end AS window_end, a.brand AS brand, a.kind AS kind,
  if(a.scope_type = 'brand', 'all sources', concat(a.scope_type, ': ', a.scope)) AS scope,
  a.state AS state, round(a.severity, 2) AS severity, a.observed AS observed, a.expected AS expected,
  a.summary AS summary, ifNull(d.delivery, '') AS delivery, a.evidence AS evidence, a.id AS id
FROM ${TABLES.alerts} AS a FINAL
LEFT JOIN (
  SELECT alert_id,
    arrayStringConcat(arraySort(groupArray(concat(channel, ' ', transition, ': ', status))), ', ') AS delivery
  FROM ${TABLES.alert_deliveries} FINAL
  GROUP BY alert_id
) AS d ON d.alert_id = a.id
WHERE $__timeFilter(a.window_start)
  AND a.history = 0
  AND $__conditionalAll(a.brand IN (\${brand:singlequote}), $brand)
ORDER BY time DESC, id
LIMIT 200`,
  columns: [
    { name: 'time', kind: 'time', description: 'window start' },
    { name: 'window_end', kind: 'time' },
    { name: 'brand', kind: 'string' },
    { name: 'kind', kind: 'string' },
    { name: 'scope', kind: 'string' },
    { name: 'state', kind: 'string' },
    { name: 'severity', kind: 'number', unit: 'none' },
    { name: 'observed', kind: 'number', unit: 'short' },
    { name: 'expected', kind: 'number', unit: 'short' },
    { name: 'summary', kind: 'string' },
    { name: 'delivery', kind: 'string' },
    { name: 'evidence', kind: 'string', description: 'JSON' },
    { name: 'id', kind: 'string' },
  ],
  variables: ['brand'],
};

/**
 * Annotation query marking alerts on time series (the plugin's annotation columns: `time`, `timeEnd`,
 * `text`, `tags`). Not a panel: the dashboards add it as an annotation.
 */
export const ALERT_ANNOTATIONS: PanelDefinition = {
  id: 'alerts.annotations',
  title: 'Alerts',
  description: 'Alerts of the picked brands as annotations (window of the incident, its summary).',
  visual: 'table',
  format: 'table',
  sql: `SELECT window_start AS time, window_end AS timeEnd, summary AS text, concat(kind, ',', brand, ',', state) AS tags
FROM ${TABLES.alerts} FINAL
WHERE ${ALERT_FILTER}
ORDER BY time`,
  columns: [
    { name: 'time', kind: 'time' },
    { name: 'timeEnd', kind: 'time' },
    { name: 'text', kind: 'string' },
    { name: 'tags', kind: 'string' },
  ],
  variables: ['brand'],
};

export const ALERTS_PANELS: readonly PanelDefinition[] = [alertsTimeline, alertsTable];
