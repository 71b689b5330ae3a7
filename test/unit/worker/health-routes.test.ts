import { describe, expect, it } from 'vitest';
import type { HealthResult } from '../../../core/errors.js';
import type { HostRequest } from '../../../platform/http-host/index.js';
import { healthRoutes, type WorkerProbes } from '../../../worker/health-routes.js';

const request = {} as HostRequest;

async function get(probes: WorkerProbes, path: string): Promise<{ status?: number; body: unknown }> {
  const route = healthRoutes(probes).find((r) => r.path === path);
  if (!route) throw new Error(`no route ${path}`);
  return route.handle(request);
}

const ok = async (): Promise<HealthResult> => ({ ok: true, detail: 'fine' });

describe('worker health routes', () => {
  it('answers /livez whatever the dependencies say', async () => {
    const reply = await get({ store: async () => ({ ok: false, error: 'down' }) }, '/livez');
    expect(reply.status ?? 200).toBe(200);
  });

  it('is not ready before the workers poll Temporal', async () => {
    const reply = await get({ store: ok }, '/healthz');
    expect(reply.status).toBe(503);
    expect(reply.body).toMatchObject({ ok: false, checks: { temporal: { ok: false } } });
    expect(JSON.stringify(reply.body)).toMatch(/starting/);
  });

  it('is ready when the store and Temporal answer', async () => {
    const reply = await get({ store: ok, temporal: ok }, '/healthz');
    expect(reply).toEqual({
      status: 200,
      body: {
        ok: true,
        checks: { store: { ok: true, detail: 'fine' }, temporal: { ok: true, detail: 'fine' } },
      },
    });
  });

  it('names the failing dependency, also when a probe throws instead of answering', async () => {
    const reply = await get(
      {
        store: async () => ({ ok: false, error: 'ClickHouse at http://ch:8123 refused the connection' }),
        temporal: async () => {
          throw new Error('Temporal at temporal:7233 unreachable');
        },
      },
      '/healthz',
    );
    expect(reply.status).toBe(503);
    expect(reply.body).toEqual({
      ok: false,
      checks: {
        store: { ok: false, error: 'ClickHouse at http://ch:8123 refused the connection' },
        temporal: { ok: false, error: 'Temporal at temporal:7233 unreachable' },
      },
    });
  });
});
