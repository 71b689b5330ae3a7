/**
 * The watch's life cycle on the real engine (chDB) with a clock the test moves: a spike fires once, a run
 * repeated with the same clock (a retried activity) and a fresh worker (a restart: no memory, state from
 * storage) fire nothing again, and when the metric is back to normal one resolve message follows. Delivery
 * goes to a local webhook receiver through the real activities.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertActivities } from '../../activities/alerts.js';
import { parseConfigText } from '../../core/config/index.js';
import { silentLogger } from '../../core/logger.js';
import { listAlerts } from '../../storage/alerts.js';
import type { Store } from '../../storage/client.js';
import { upsertMentions } from '../../storage/mentions.js';
import { composeAlertDeps } from '../../worker/alerts.js';
import { openTestStore } from '../unit/storage/helpers.js';
import { startWebhookReceiver, type HttpReceiver } from '../support/alert-channels.js';
import { spikeHistory } from '../support/spike-mentions.js';

const T = Date.UTC(2026, 10, 30, 14, 2, 30);

describe('watch life cycle: fire once, survive a restart, resolve once', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let hook: HttpReceiver;
  let now = T;

  beforeAll(async () => {
    ({ store, cleanup } = await openTestStore());
    hook = await startWebhookReceiver();
    await upsertMentions(
      store,
      spikeHistory({ brand: 'acme', end: T, spikeMinutes: 45, spikePerMinute: 20, calmAfterMinutes: 240 }),
    );
  });
  afterAll(async () => {
    await hook?.close();
    await cleanup?.();
  });

  const worker = () => {
    const config = parseConfigText(
      `brands:\n  - { key: acme, name: Acme Air, query: acme }\nalerts:\n  enabled: true\n  channels:\n    hook: { type: webhook, url: ${hook.url} }\n  routes:\n    - { channels: [hook], kinds: [negative_spike] }\n`,
      'test config',
    );
    return createAlertActivities(composeAlertDeps(config, {}, store, silentLogger, () => now));
  };
  const run = async (activities: ReturnType<typeof worker>) => {
    const result = await activities.watchAlerts();
    for (const plan of await activities.dueDeliveries()) await activities.deliverAlerts(plan);
    return result;
  };
  const transitions = () =>
    hook.received.flatMap(
      (r) => (JSON.parse(r.body) as { alerts: Array<{ transition: string; kind: string }> }).alerts,
    );

  it('fires the spike once, also across a repeated run and a restarted worker', async () => {
    let activities = worker();
    const first = await run(activities);
    expect(first.opened).toBeGreaterThan(0);
    expect(transitions().map((t) => t.transition)).toEqual(['fired']);
    // The same run again (a retried activity), then later runs on a new worker with no memory.
    await run(activities);
    activities = worker();
    for (let i = 0; i < 3; i++) {
      now += 60_000;
      await run(activities);
    }
    expect(transitions().map((t) => t.transition)).toEqual(['fired']);
  });

  it('resolves once when the negatives are back to normal', async () => {
    let activities = worker();
    for (let i = 0; i < 200 && !transitions().some((t) => t.transition === 'resolved'); i++) {
      now += 60_000;
      if (i === 50) activities = worker(); // another restart, mid-incident
      await run(activities);
    }
    expect(transitions().map((t) => t.transition)).toEqual(['fired', 'resolved']);
    const alerts = await listAlerts(store, { brand: 'acme', includeHistory: false });
    const alert = alerts.find((a) => a.kind === 'negative_spike' && a.scopeType === 'brand');
    expect(alert!.state).toBe('resolved');
    expect(alert!.deliveries.map((d) => [d.transition, d.status])).toEqual([
      ['fired', 'sent'],
      ['resolved', 'sent'],
    ]);
    for (let i = 0; i < 5; i++) {
      now += 60_000;
      await run(activities);
    }
    expect(transitions()).toHaveLength(2);
  });
});
