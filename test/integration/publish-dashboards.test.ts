/**
 * The dashboards publish workflow as a deployment sees it: the real worker stack (real Temporal dev
 * server, this file's namespace) started with `grafana.url` set publishes every dashboard to a local
 * server implementing Grafana's API contract; restarting with the same config starts no second publish;
 * a changed config (a competitor brand added) publishes again; a 503 is retried; a rejected token fails at once, naming the variable.
 */
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardPublishing, publishDashboardsWorkflowId } from '../../activities/index.js';
import type { EarshotConfig } from '../../core/config/index.js';
import { DASHBOARDS } from '../../dashboards/index.js';
import type { publishDashboardsWorkflow } from '../../workflows/index.js';
import { startFakeGrafana, type FakeGrafana } from '../unit/dashboards/fake-grafana.js';
import { configFromYaml, startHarness, type Harness } from './support/harness.js';

/** A config publishing to `grafanaUrl`; `brands` maps each brand key to its competitors. */
const configFor = (grafanaUrl: string, brands: Record<string, string[]>): EarshotConfig =>
  configFromYaml(`
brands:
${Object.entries(brands)
  .map(
    ([key, competitors]) =>
      `  - { key: ${key}, name: ${key}, query: ${key}, competitors: [${competitors.join(', ')}] }`,
  )
  .join('\n')}
grafana:
  url: ${grafanaUrl}
`);

/** The id the worker starts the publish under for `config`. */
const workflowIdOf = (config: EarshotConfig): string =>
  publishDashboardsWorkflowId(dashboardPublishing(config, {})!);

const dashboardPosts = (grafana: FakeGrafana): number =>
  grafana.requests.filter((r) => r === 'POST /api/dashboards/db').length;

describe('publish dashboards workflow', () => {
  let grafana: FakeGrafana;
  let h: Harness | undefined;
  beforeAll(async () => {
    grafana = await startFakeGrafana();
  });
  afterAll(async () => {
    await h?.stop();
    await grafana.close();
  });

  /** Starts the worker stack with `config` (stopping the previous one), like a restart of `earshot up`. */
  async function restart(config: EarshotConfig, token = grafana.token): Promise<Harness> {
    await h?.stop();
    h = undefined;
    h = await startHarness(import.meta.url, config, { GRAFANA_TOKEN: token });
    return h;
  }

  const acme = (): EarshotConfig => configFor(grafana.url, { acme: [] });
  let firstRunId = '';

  it('publishes every dashboard when the worker starts with grafana.url set', async () => {
    const stack = await restart(acme());
    const handle = stack.client.workflow.getHandle<typeof publishDashboardsWorkflow>(workflowIdOf(acme()));
    const result = await handle.result();
    expect(result.folder).toBe('created');
    expect(result.dashboards.map((d) => d.status)).toEqual(DASHBOARDS.map(() => 'created'));
    expect(dashboardPosts(grafana)).toBe(DASHBOARDS.length);
    expect([...grafana.dashboards.values()].every((d) => d.folderUid === 'earshot')).toBe(true);
    firstRunId = (await handle.describe()).runId;
  });

  it('starts no second publish when the worker restarts with the same config', async () => {
    const before = grafana.requests.length;
    const stack = await restart(acme());
    // The worker has tried its start before it is ready: a new run would have a new run id.
    const described = await stack.client.workflow
      .getHandle<typeof publishDashboardsWorkflow>(workflowIdOf(acme()))
      .describe();
    expect(described.runId).toBe(firstRunId);
    expect(described.status.name).toBe('COMPLETED');
    expect(grafana.requests.length).toBe(before);
  });

  it('publishes again when the config changes (a competitor brand added)', async () => {
    const changed = configFor(grafana.url, { acme: ['globex'], globex: [] });
    expect(workflowIdOf(changed)).not.toBe(workflowIdOf(acme()));
    const posts = dashboardPosts(grafana);
    const stack = await restart(changed);
    const result = await stack.client.workflow
      .getHandle<typeof publishDashboardsWorkflow>(workflowIdOf(changed))
      .result();
    expect(result.folder).toBe('unchanged');
    const updated = result.dashboards.filter((d) => d.status === 'updated');
    expect(updated.length).toBeGreaterThan(0);
    expect(result.dashboards.filter((d) => d.status === 'created')).toEqual([]);
    expect(dashboardPosts(grafana)).toBe(posts + updated.length);
  });

  it('retries with backoff while Grafana answers 503', async () => {
    const flaky = await startFakeGrafana();
    try {
      flaky.fail(/^GET \/api\/folders\/earshot$/, 503, { message: 'Service Unavailable' });
      const config = configFor(flaky.url, { acme: [] });
      const stack = await restart(config, flaky.token);
      const result = await stack.client.workflow
        .getHandle<typeof publishDashboardsWorkflow>(workflowIdOf(config))
        .result();
      expect(result.dashboards.map((d) => d.status)).toEqual(DASHBOARDS.map(() => 'created'));
      // The first attempt met the 503; the retry found Grafana up and published.
      expect(flaky.requests.filter((r) => r === 'GET /api/folders/earshot')).toHaveLength(2);
    } finally {
      await flaky.close();
    }
  });

  it('fails without retrying on a rejected token, naming the token variable', async () => {
    const rejecting = await startFakeGrafana('glsa_other_token');
    try {
      const config = configFor(rejecting.url, { acme: [] });
      const stack = await restart(config, 'glsa_wrong_token');
      const failure = await stack.client.workflow
        .getHandle<typeof publishDashboardsWorkflow>(workflowIdOf(config))
        .result()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      let root = failure as { message: string; cause?: unknown; type?: string };
      while (root.cause) root = root.cause as typeof root;
      expect(root.type).toBe('GrafanaAuthError');
      expect(root.message).toMatch(/HTTP 401/);
      expect(root.message).toMatch(/\$GRAFANA_TOKEN/);
      // One attempt: the folder lookup answered 401 and nothing was asked again.
      expect(rejecting.requests).toEqual(['GET /api/folders/earshot']);
    } finally {
      await rejecting.close();
    }
  });
});
