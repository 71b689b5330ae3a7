/**
 * Pipeline health panels over `ingest_runs` (one row per connector poll, read with FINAL) and the stored
 * mentions' scorer versions (rescoring progress). Filtered by the source variable (connector type).
 */
import { TABLES } from '../../storage/schema.js';
import { SOURCE_FILTER } from './sql.js';
import type { ColumnSpec, PanelDefinition } from './types.js';

const RUNS = `${TABLES.ingest_runs} FINAL`;
const RUN_FILTER = `$__timeFilter(started_at)\n  AND ${SOURCE_FILTER}`;
const TIME: ColumnSpec = { name: 'time', kind: 'time' };
const SOURCE_ID: ColumnSpec = { name: 'source_id', kind: 'string' };

/** Per-bucket series of `ingest_runs` per source instance. */
function runSeries(measures: string): string {
  return `SELECT $__timeInterval(started_at) AS time, source_id,
  ${measures}
FROM ${RUNS}
WHERE ${RUN_FILTER}
GROUP BY time, source_id
ORDER BY time, source_id`;
}

export const pipelinePolls: PanelDefinition = {
  id: 'pipeline.polls',
  title: 'Polls and failures',
  description:
    'Connector polls per bucket and source instance, and how many ended in another status than ok.',
  visual: 'bars-over-time',
  format: 'time_series',
  sql: runSeries("count() AS polls, countIf(status != 'ok') AS failures"),
  columns: [
    TIME,
    SOURCE_ID,
    { name: 'polls', kind: 'number', unit: 'short' },
    { name: 'failures', kind: 'number', unit: 'short' },
  ],
  variables: ['source'],
  minIntervalSeconds: 60,
};

export const pipelineFetched: PanelDefinition = {
  id: 'pipeline.fetched',
  title: 'Fetched and new',
  description:
    '**Fetched**: records the connectors returned; **new**: mention rows stored for the first time; **updated**: rows whose stored state changed (engagement, rescoring).',
  visual: 'timeseries',
  format: 'time_series',
  sql: runSeries('sum(fetched) AS fetched, sum(new) AS new, sum(updated) AS updated'),
  columns: [
    TIME,
    SOURCE_ID,
    { name: 'fetched', kind: 'number', unit: 'short' },
    { name: 'new', kind: 'number', unit: 'short' },
    { name: 'updated', kind: 'number', unit: 'short' },
  ],
  variables: ['source'],
  minIntervalSeconds: 60,
};

export const pipelineDuration: PanelDefinition = {
  id: 'pipeline.duration',
  title: 'Poll duration',
  description: 'Average and 95th percentile of poll duration per source instance (ms).',
  visual: 'timeseries',
  format: 'time_series',
  sql: runSeries('avg(duration_ms) AS avg_ms, quantile(0.95)(duration_ms) AS p95_ms'),
  columns: [
    TIME,
    SOURCE_ID,
    { name: 'avg_ms', kind: 'number', unit: 'ms' },
    { name: 'p95_ms', kind: 'number', unit: 'ms' },
  ],
  variables: ['source'],
  minIntervalSeconds: 60,
};

export const pipelineRateLimits: PanelDefinition = {
  id: 'pipeline.rate-limits',
  title: 'Rate-limit waits',
  description:
    'Polls that ended rate-limited (the source asked to slow down; the poll resumes after its Retry-After wait), per source instance.',
  visual: 'bars-over-time',
  format: 'time_series',
  sql: runSeries("countIf(status = 'rate_limited') AS rate_limited"),
  columns: [TIME, SOURCE_ID, { name: 'rate_limited', kind: 'number', unit: 'short' }],
  variables: ['source'],
  minIntervalSeconds: 60,
};

export const pipelineSources: PanelDefinition = {
  id: 'pipeline.sources',
  title: 'Sources',
  description:
    'Per source instance over the range: polls, failures, rate-limited polls, records fetched / new, poll duration, the last poll and its status, and the last error (secrets redacted).',
  visual: 'table',
  format: 'table',
  sql: `SELECT source_id, source, count() AS polls, countIf(status != 'ok') AS failures,
  countIf(status = 'rate_limited') AS rate_limited, sum(fetched) AS fetched, sum(new) AS new,
  round(avg(duration_ms)) AS avg_ms, max(started_at) AS last_poll, argMax(status, started_at) AS last_status,
  argMaxIf(error_message, started_at, status != 'ok') AS last_error
FROM ${RUNS}
WHERE ${RUN_FILTER}
GROUP BY source_id, source
ORDER BY source_id`,
  columns: [
    SOURCE_ID,
    { name: 'source', kind: 'string' },
    { name: 'polls', kind: 'number', unit: 'short' },
    { name: 'failures', kind: 'number', unit: 'short' },
    { name: 'rate_limited', kind: 'number', unit: 'short' },
    { name: 'fetched', kind: 'number', unit: 'short' },
    { name: 'new', kind: 'number', unit: 'short' },
    { name: 'avg_ms', kind: 'number', unit: 'ms' },
    { name: 'last_poll', kind: 'time' },
    { name: 'last_status', kind: 'string' },
    { name: 'last_error', kind: 'string' },
  ],
  variables: ['source'],
};

export const pipelineScorerVersions: PanelDefinition = {
  id: 'pipeline.scorer-versions',
  title: 'Rescoring progress',
  description:
    "Mentions published in the range per scorer version (reads mentions FINAL: slow over long ranges on a large store). After a model update, rescoring moves rows to the new version; the old version's count falls to 0 when it is done.",
  visual: 'pie',
  format: 'table',
  sql: `SELECT scorer_version, count() AS mentions
FROM ${TABLES.mentions} FINAL
WHERE $__timeFilter(published_at)
  AND ${SOURCE_FILTER}
GROUP BY scorer_version
ORDER BY scorer_version`,
  columns: [
    { name: 'scorer_version', kind: 'string' },
    { name: 'mentions', kind: 'number', unit: 'short' },
  ],
  variables: ['source'],
};

export const PIPELINE_PANELS: readonly PanelDefinition[] = [
  pipelineSources,
  pipelinePolls,
  pipelineFetched,
  pipelineDuration,
  pipelineRateLimits,
  pipelineScorerVersions,
];
