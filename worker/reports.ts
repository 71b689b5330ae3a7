/**
 * Report digests in the composition root: the config's `reports.digests` → the digest activity's
 * dependencies (the store's reader, one SMTP sender per relay variable, the Chromium path from the
 * environment), and one Temporal Schedule per digest, reconciled with the config like the ingest schedules.
 */
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
} from '@temporalio/client';
import type { DigestDeps } from '../activities/reports.js';
import { durationMs, type DigestConfig, type EarshotConfig } from '../core/config/index.js';
import type { Logger } from '../core/logger.js';
import { DIGEST_SCHEDULE_PREFIX, INGEST_TASK_QUEUE, digestScheduleId } from '../core/temporal-names.js';
import { createSmtpSender } from '../platform/mail/smtp.js';
import { DEFAULT_CHROMIUM_PATH } from '../reports/index.js';
import type { Store } from '../storage/client.js';
import { storeReader } from '../web/index.js';
import { reportDigestWorkflow } from '../workflows/index.js';

/** Everything the digest activity needs. */
export function composeDigestDeps(
  config: EarshotConfig,
  env: NodeJS.ProcessEnv,
  store: Store,
  logger: Logger,
): DigestDeps {
  return {
    digests: {
      reader: storeReader(store),
      brands: config.brands,
      config: config.reports.digests,
      chromiumPath: env.EARSHOT_CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH,
      logger: logger.child({ component: 'reports' }),
      senderFor(digest, errors) {
        const url = env[digest.email.smtpUrlEnv];
        if (!url) {
          throw errors.rejected(
            `The environment variable ${digest.email.smtpUrlEnv} is not set; set it to the relay, e.g. smtp://user:password@smtp.example.com:587.`,
          );
        }
        return createSmtpSender({ url, from: digest.email.from, errors });
      },
    },
  };
}

/** Schedule options of one digest: every `every`, or at the `at` cron times (UTC). */
export function digestScheduleOptions(digest: DigestConfig) {
  const periodMs = durationMs(digest.every);
  return {
    scheduleId: digestScheduleId(digest.id),
    spec: digest.at ? { cronExpressions: [digest.at] } : { intervals: [{ every: periodMs }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: reportDigestWorkflow,
      taskQueue: INGEST_TASK_QUEUE,
      workflowId: digestScheduleId(digest.id),
      args: [{ digestId: digest.id, brands: digest.brands, periodMs }] as [
        Parameters<typeof reportDigestWorkflow>[0],
      ],
    },
    policies: {
      // A digest missed during a short downtime still goes out once; a long-missed one is skipped.
      overlap: ScheduleOverlapPolicy.SKIP,
      catchupWindow: 6 * 3_600_000,
      pauseOnFailure: false,
    },
  };
}

/**
 * Creates or updates one schedule per configured digest and deletes digest schedules no longer configured.
 * A new digest is not sent at once (a weekly mail on every worker start would be noise): `earshot`'s
 * schedule trigger, or the first scheduled time, sends it.
 */
export async function reconcileDigestSchedules(
  client: Client,
  config: EarshotConfig,
  logger: Logger,
): Promise<{ created: string[]; updated: string[]; deleted: string[] }> {
  const result = { created: [] as string[], updated: [] as string[], deleted: [] as string[] };
  const wanted = new Set<string>();
  for (const digest of config.reports.digests) {
    const options = digestScheduleOptions(digest);
    wanted.add(options.scheduleId);
    try {
      await client.schedule.create(options);
      result.created.push(options.scheduleId);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.schedule.getHandle(options.scheduleId).update((previous) => ({
        ...previous,
        spec: options.spec,
        action: options.action,
        policies: options.policies,
      }));
      result.updated.push(options.scheduleId);
    }
  }
  for await (const schedule of client.schedule.list()) {
    if (!schedule.scheduleId.startsWith(DIGEST_SCHEDULE_PREFIX) || wanted.has(schedule.scheduleId)) continue;
    try {
      await client.schedule.getHandle(schedule.scheduleId).delete();
      result.deleted.push(schedule.scheduleId);
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    }
  }
  if (result.created.length + result.updated.length + result.deleted.length) {
    logger.info(result, 'digest schedules reconciled with config');
  }
  return result;
}
