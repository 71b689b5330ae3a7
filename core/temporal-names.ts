/** Names shared by the worker, the CLI and workflows, so they never drift apart. */

/** Task queue of the ingest worker. */
export const INGEST_TASK_QUEUE = 'earshot-ingest';

/** Schedule id of a configured source: one schedule per source instance. */
export const ingestScheduleId = (sourceId: string): string => `ingest:${sourceId}`;

/** Prefix of every schedule Earshot owns; reconciliation deletes owned schedules no longer configured. */
export const INGEST_SCHEDULE_PREFIX = 'ingest:';

/** Workflow id of a backfill: one backfill per source and range. */
export const backfillWorkflowId = (sourceId: string, fromIso: string, toIso: string): string =>
  `backfill:${sourceId}:${fromIso}:${toIso}`;

/** Workflow id of the rescoring workflow for a scorer version. */
export const rescoreWorkflowId = (scorerVersion: string): string => `rescore:${scorerVersion}`;

/**
 * Mentions per rescore activity by default: the activity reads, re-scores and writes them in pages of
 * 10,000 that overlap (storage/rescore.ts), so a batch of several pages keeps JS and chDB both busy.
 */
export const RESCORE_BATCH_SIZE = 50_000;

/**
 * Task queue of one source's fetch activities. One queue per source lets the worker cap API requests
 * per source with `maxTaskQueueActivitiesPerSecond`.
 */
export const sourceTaskQueue = (sourceId: string): string => `earshot-source:${sourceId}`;

/** Workflow id used by a source's schedule (the server appends a timestamp per run). */
export const ingestWorkflowId = (sourceId: string): string => `ingest:${sourceId}`;

/** Schedule id of the spike-watch workflow (one per Earshot deployment). */
export const SPIKE_WATCH_SCHEDULE_ID = 'alerts:spike-watch';

/** Workflow id used by the spike-watch schedule (the server appends a timestamp per run). */
export const SPIKE_WATCH_WORKFLOW_ID = 'alerts:spike-watch';

/** Schedule id of a configured report digest (one schedule per digest). */
export const digestScheduleId = (digestId: string): string => `${DIGEST_SCHEDULE_PREFIX}${digestId}`;

/** Prefix of the digest schedules; reconciliation deletes those no longer configured. */
export const DIGEST_SCHEDULE_PREFIX = 'reports:digest:';
