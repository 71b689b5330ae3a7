/**
 * Temporal activities: thin adapters that compose the libraries, one factory per subsystem (ingest,
 * backfill, rescore), each taking only the ports it uses. `createActivities(deps)` merges them for the
 * worker; tests build a subsystem's activities from its own narrow deps.
 */
import { createAlertActivities, type AlertDeps } from './alerts.js';
import { createBackfillActivities, type BackfillDeps } from './backfill.js';
import { createCorrectionActivities, type CorrectionDeps } from './corrections.js';
import { createDashboardActivities, type DashboardDeps } from './dashboards.js';
import { createIngestActivities, type IngestDeps } from './ingest.js';
import { createRescoreActivities, type RescoreDeps } from './rescore.js';
import { createDigestActivities, type DigestDeps } from './reports.js';

export { createAlertActivities } from './alerts.js';
export type { AlertActivities, AlertDeps } from './alerts.js';
export { backfillCursorKey, createBackfillActivities } from './backfill.js';
export { createCorrectionActivities } from './corrections.js';
export type { CorrectionActivities, CorrectionDeps, RecordCorrectionResult } from './corrections.js';
export { createDashboardActivities, dashboardPublishing, publishDashboardsWorkflowId } from './dashboards.js';
export type {
  DashboardActivities,
  DashboardDeps,
  DashboardPublishing,
  DashboardPublishSummary,
} from './dashboards.js';
export type { BackfillActivities, BackfillDeps } from './backfill.js';
export { createIngestActivities } from './ingest.js';
export type { IngestActivities, IngestDeps } from './ingest.js';
export { createRescoreActivities } from './rescore.js';
export type { RescoreActivities, RescoreDeps } from './rescore.js';
export { createDigestActivities, digestMessageId } from './reports.js';
export type { DigestActivities, DigestDeps, SendDigestInput } from './reports.js';

/** Everything the worker's activities need: the union of every subsystem's ports. */
export type ActivityDeps = CorrectionDeps &
  IngestDeps &
  BackfillDeps &
  RescoreDeps &
  AlertDeps &
  DashboardDeps &
  DigestDeps;

/** Builds every activity the worker registers, bound to `deps`. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createIngestActivities(deps),
    ...createBackfillActivities(deps),
    ...createRescoreActivities(deps),
    ...createCorrectionActivities(deps),
    ...createAlertActivities(deps),
    ...createDashboardActivities(deps),
    ...createDigestActivities(deps),
  };
}

/** Every activity the worker registers. */
export type Activities = ReturnType<typeof createActivities>;
