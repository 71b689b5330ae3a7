/** The publisher against a local server implementing Grafana's documented HTTP API contract. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GrafanaSchema } from '../../../core/config/index.js';
import {
  buildDashboards,
  dashboardContext,
  publishDashboards,
  type PublishOptions,
} from '../../../dashboards/index.js';
import { startFakeGrafana, type FakeGrafana } from './fake-grafana.js';

const dashboards = buildDashboards(
  dashboardContext({
    brands: [
      { key: 'acme', competitors: ['globex'] },
      { key: 'globex', competitors: [] },
    ],
  } as never),
);
let grafana: FakeGrafana;

/** The error `publishing` rejects with (fails the test if it resolves). */
async function failure(publishing: Promise<unknown>): Promise<Error> {
  const outcome = await publishing.then(
    () => new Error('expected the publish to fail'),
    (e: unknown) => e as Error,
  );
  expect(outcome.message).not.toBe('expected the publish to fail');
  return outcome;
}

function options(overrides: Record<string, unknown> = {}, token?: string): PublishOptions {
  const config = GrafanaSchema.parse({ url: grafana.url, ...overrides });
  return {
    grafana: { ...config, url: config.url as string },
    token: token ?? grafana.token,
    datasourcePassword: 's3cret',
    timeoutMs: 5000,
  };
}

beforeEach(async () => {
  grafana = await startFakeGrafana();
});
afterEach(async () => grafana.close());

describe('publishDashboards', () => {
  it('creates the folder and every dashboard, then publishing again changes nothing', async () => {
    const first = await publishDashboards(dashboards, options());
    expect(first.folder).toBe('created');
    expect(first.dashboards.map((d) => d.status)).toEqual(dashboards.map(() => 'created'));
    expect([...grafana.folders.keys()]).toEqual(['earshot']);
    for (const d of dashboards) {
      const stored = grafana.dashboards.get(d.uid as string)!;
      expect(stored).toMatchObject({ folderUid: 'earshot', version: 1 });
      expect(stored.messages[0]).toMatch(/^Earshot: create earshot-[a-z-]+ \(content [0-9a-f]{12}\)$/);
    }
    const posts = grafana.requests.filter((r) => r === 'POST /api/dashboards/db').length;

    const second = await publishDashboards(dashboards, options());
    expect(second.folder).toBe('unchanged');
    expect(second.dashboards.map((d) => d.status)).toEqual(dashboards.map(() => 'unchanged'));
    expect(grafana.requests.filter((r) => r === 'POST /api/dashboards/db').length).toBe(posts);
    expect(grafana.dashboards.get('earshot-overview')!.version).toBe(1);
  });

  it('updates a changed dashboard with its stored version and a new message', async () => {
    await publishDashboards(dashboards, options());
    const changed = dashboards.map((d) => (d.uid === 'earshot-reviews' ? { ...d, refresh: '1h' } : d));
    const result = await publishDashboards(changed, options());
    expect(result.dashboards.find((d) => d.uid === 'earshot-reviews')).toMatchObject({
      status: 'updated',
      version: 2,
    });
    expect(result.dashboards.filter((d) => d.status === 'unchanged')).toHaveLength(dashboards.length - 1);
    expect(grafana.dashboards.get('earshot-reviews')!.messages[1]).toMatch(
      /^Earshot: update earshot-reviews/,
    );
  });

  it('replaces a dashboard edited in Grafana meanwhile (412 version-mismatch: re-read once)', async () => {
    await publishDashboards(dashboards, options());
    grafana.fail(/^POST \/api\/dashboards\/db$/, 412, {
      status: 'version-mismatch',
      message: 'changed by someone else',
    });
    const changed = dashboards.map((d) => ({ ...d, refresh: '2m' }));
    const result = await publishDashboards(changed, options());
    expect(result.dashboards.every((d) => d.status === 'updated')).toBe(true);
  });

  it('moves a dashboard back into the folder when it sits elsewhere', async () => {
    await publishDashboards(dashboards, options());
    grafana.dashboards.get('earshot-alerts')!.folderUid = '';
    const result = await publishDashboards(dashboards, options());
    expect(result.dashboards.find((d) => d.uid === 'earshot-alerts')?.status).toBe('updated');
    expect(grafana.dashboards.get('earshot-alerts')!.folderUid).toBe('earshot');
  });

  it('creates the datasource once when asked, secrets in secureJsonData only', async () => {
    const first = await publishDashboards(dashboards, options({ publishDatasource: true }));
    expect(first.datasource).toBe('created');
    expect(grafana.datasources.get('earshot-clickhouse')).toMatchObject({
      type: 'grafana-clickhouse-datasource',
      jsonData: { username: 'grafana', defaultDatabase: 'earshot', protocol: 'http', port: 8123 },
      secureJsonFields: { password: true },
    });
    expect(JSON.stringify(grafana.datasources.get('earshot-clickhouse'))).not.toContain('s3cret');
    expect((await publishDashboards(dashboards, options({ publishDatasource: true }))).datasource).toBe(
      'unchanged',
    );
    const moved = await publishDashboards(
      dashboards,
      options({ publishDatasource: true, datasource: { host: 'clickhouse' } }),
    );
    expect(moved.datasource).toBe('updated');
  });

  it.each([
    [401, /rejected the token.*GRAFANA_TOKEN.*service-account token/s, 'GrafanaAuthError'],
    [403, /lacks the permission.*Editor role/s, 'GrafanaAuthError'],
    [404, /answered HTTP 404.*check grafana\.url/s, 'GrafanaRejectedError'],
    [429, /rate limit.*retried after/s, 'GrafanaRateLimitedError'],
    [503, /Grafana failed.*check that Grafana is up/s, 'GrafanaUnavailableError'],
  ])('HTTP %i gives a clear error naming the fix', async (status, message, name) => {
    const path = status === 404 ? /^POST \/api\/folders$/ : /^GET \/api\/folders\//;
    grafana.fail(path, status, { message: `status ${status}` }, status === 429 ? { 'retry-after': '7' } : {});
    const error = await failure(publishDashboards(dashboards, options()));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.message).toMatch(message);
    if (status === 429) expect((error as unknown as { retryAfterMs: number }).retryAfterMs).toBe(7000);
  });

  it('a wrong token is refused by the server itself (401)', async () => {
    const error = await failure(publishDashboards(dashboards, options({}, 'wrong')));
    expect(error.name).toBe('GrafanaAuthError');
  });

  it('412 name-exists names the clash and the fix', async () => {
    await publishDashboards(dashboards, options());
    grafana.dashboards.set('someone-else', {
      dashboard: { uid: 'someone-else', title: 'Earshot · Alerts' },
      folderUid: 'earshot',
      version: 1,
      id: 999,
      messages: [],
    });
    grafana.dashboards.delete('earshot-alerts');
    const error = await failure(publishDashboards(dashboards, options()));
    expect(error.name).toBe('GrafanaRejectedError');
    expect(error.message).toMatch(
      /name-exists.*another dashboard in folder "earshot" is titled "Earshot · Alerts"/s,
    );
  });

  it('403 on the datasource says it needs an Admin token or file provisioning', async () => {
    grafana.fail(/^GET \/api\/datasources\//, 403, { message: 'Permission denied' });
    const error = await failure(publishDashboards(dashboards, options({ publishDatasource: true })));
    expect(error.message).toMatch(/Admin role.*publishDatasource: false/s);
  });
});
