/**
 * The worker's health endpoints, for container and Kubernetes probes (`earshot worker --health-port`):
 * - `GET /livez`: the process answers (liveness; restarting cannot fix a slow dependency).
 * - `GET /healthz`: the workers poll and Temporal and ClickHouse answer now (readiness): 200 with each
 *   check, or 503 naming the failing one.
 * Unauthenticated on purpose: they reveal only up/down and the failing dependency's error message.
 */
import type { HealthResult } from '../core/errors.js';
import type { HostReply, HostRoute } from '../platform/http-host/index.js';
import { safeCheck } from '../platform/health.js';

/** What `/healthz` asks. `temporal` is unset until the workers run (`runWorkers`' `onReady`). */
export interface WorkerProbes {
  store(): Promise<HealthResult>;
  temporal?: () => Promise<HealthResult>;
}

const notStarted: HealthResult = { ok: false, error: 'workers are starting (not polling Temporal yet)' };

/** The two routes; `probes` is read on every request, so `temporal` can be filled in once ready. */
export function healthRoutes(probes: WorkerProbes): HostRoute[] {
  return [
    {
      method: 'GET',
      path: '/livez',
      auth: { kind: 'public' },
      handle: (): HostReply => ({ body: { ok: true } }),
    },
    {
      method: 'GET',
      path: '/healthz',
      auth: { kind: 'public' },
      handle: async (): Promise<HostReply> => {
        const check = (probe: () => Promise<HealthResult>): Promise<HealthResult> =>
          safeCheck(async () => unwrap(await probe()));
        const [store, temporal] = await Promise.all([
          check(probes.store),
          probes.temporal ? check(probes.temporal) : notStarted,
        ]);
        const ok = store.ok && temporal.ok;
        return { status: ok ? 200 : 503, body: { ok, checks: { store, temporal } } };
      },
    },
  ];
}

/** A probe's failure as a throw, so `safeCheck` also covers a probe that throws instead of answering. */
function unwrap(result: HealthResult): string | undefined {
  if (!result.ok) throw new Error(result.error);
  return result.detail;
}
