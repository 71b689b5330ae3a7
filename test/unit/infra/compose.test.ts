/**
 * infra/compose/ as `docker-compose` reads it (Debian's docker-compose: parse, interpolate, validate;
 * there is no Docker engine here to start the containers).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../core/config/file.js';
import { buildDashboards, dashboardContext, provisioningFiles } from '../../../dashboards/index.js';
import { dockerCompose, runTool } from '../../support/infra-tools.js';

const stack = fileURLToPath(new URL('../../../infra/compose/', import.meta.url));
const cluster = fileURLToPath(new URL('../../../infra/compose/cluster/', import.meta.url));
const clusterXml = fileURLToPath(new URL('../../../infra/clickhouse/cluster/cluster.xml', import.meta.url));

const PASSWORDS = {
  EARSHOT_WRITER_PASSWORD: 'w-secret',
  EARSHOT_GRAFANA_PASSWORD: 'g-secret',
  EARSHOT_ANALYST_PASSWORD: 'a-secret',
  TEMPORAL_DB_PASSWORD: 't-secret',
  GRAFANA_ADMIN_PASSWORD: 'admin-secret',
};

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  ports?: string[];
  command?: string[];
  hostname?: string;
}

function composeConfig(dir: string, env: NodeJS.ProcessEnv): { services: Record<string, Service> } {
  const run = runTool(dockerCompose(), ['config'], { cwd: dir, env });
  if (run.status !== 0) throw new Error(`docker-compose config failed in ${dir}:\n${run.stderr}`);
  return parse(run.stdout) as { services: Record<string, Service> };
}

describe('infra/compose/docker-compose.yml (the full stack)', () => {
  const { services } = composeConfig(stack, PASSWORDS);

  it('has ClickHouse, Temporal on PostgreSQL with its UI, Grafana, the dashboards job and the worker', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['clickhouse', 'dashboards', 'grafana', 'postgresql', 'temporal', 'temporal-ui', 'worker'].sort(),
    );
  });

  it('health-checks every long-running dependency and starts dependents only once they are healthy', () => {
    for (const name of ['clickhouse', 'postgresql', 'temporal', 'grafana']) {
      expect(services[name]!.healthcheck?.test.length, name).toBeGreaterThan(0);
    }
    expect(services.worker!.depends_on).toEqual({
      clickhouse: { condition: 'service_healthy' },
      temporal: { condition: 'service_healthy' },
    });
    expect(services.grafana!.depends_on?.dashboards).toEqual({ condition: 'service_completed_successfully' });
  });

  it('gives ClickHouse the three users, the worker the writer and Grafana the read-only user', () => {
    expect(
      services.clickhouse!.volumes?.some((v) => v.endsWith(':/etc/clickhouse-server/users.d/earshot.xml:ro')),
    ).toBe(true);
    expect(services.clickhouse!.environment).toMatchObject({
      EARSHOT_WRITER_PASSWORD: 'w-secret',
      EARSHOT_GRAFANA_PASSWORD: 'g-secret',
      EARSHOT_ANALYST_PASSWORD: 'a-secret',
    });
    expect(services.worker!.environment).toMatchObject({
      CLICKHOUSE_URL: 'http://clickhouse:8123',
      CLICKHOUSE_USER: 'writer',
      CLICKHOUSE_PASSWORD: 'w-secret',
      TEMPORAL_ADDRESS: 'temporal:7233',
    });
    expect(services.grafana!.environment).toMatchObject({
      GF_INSTALL_PLUGINS: 'grafana-clickhouse-datasource',
      EARSHOT_GRAFANA_PASSWORD: 'g-secret',
    });
  });

  it("provisions Grafana from the dashboards job's output, whose files point where Grafana mounts them", () => {
    const mountOf = (service: Service): string => {
      const volume = service.volumes?.find((v) => v.startsWith('grafana-provisioning:'));
      if (!volume) throw new Error('no grafana-provisioning volume');
      return volume.split(':')[1]!;
    };
    const out = mountOf(services.dashboards!);
    const grafanaMount = mountOf(services.grafana!);
    expect(services.dashboards!.command).toEqual(expect.arrayContaining(['--out', out]));
    expect(services.grafana!.environment?.GF_PATHS_PROVISIONING).toBe(`${grafanaMount}/provisioning`);

    // What `earshot dashboards build` writes for this config (the same functions the command runs).
    const config = parseConfigText(readFileSync(`${stack}/earshot.config.yaml`, 'utf8'));
    const files = provisioningFiles(buildDashboards(dashboardContext(config)), config.grafana);
    const fileAt = (path: string): string => files.find((f) => f.path === path)!.content;
    const provider = parse(fileAt('provisioning/dashboards/earshot.yaml')) as {
      providers: Array<{ options: { path: string } }>;
    };
    expect(provider.providers[0]!.options.path).toBe(`${grafanaMount}/dashboards`);
    expect(
      files.filter((f) => f.path.startsWith('dashboards/') && f.path.endsWith('.json')).length,
    ).toBeGreaterThanOrEqual(5);
    const datasource = parse(fileAt('provisioning/datasources/earshot.yaml')) as {
      datasources: Array<{
        jsonData: { host: string; port: number; username: string };
        secureJsonData: { password: string };
      }>;
    };
    expect(datasource.datasources[0]!.jsonData).toMatchObject({
      host: 'clickhouse',
      port: 8123,
      username: 'grafana',
    });
    // Grafana expands ${VAR} in provisioning files from its own environment.
    const passwordVar = /^\$\{(\w+)\}$/.exec(datasource.datasources[0]!.secureJsonData.password)![1]!;
    expect(services.grafana!.environment?.[passwordVar]).toBe('g-secret');
  });

  it('builds the worker and the dashboards job from infra/Dockerfile', () => {
    for (const name of ['worker', 'dashboards']) {
      expect(services[name]!.build, name).toMatchObject({ dockerfile: 'infra/Dockerfile' });
    }
    expect(services.dashboards!.command).toEqual(expect.arrayContaining(['dashboards', 'build', '--out']));
  });

  it('publishes ports on loopback only', () => {
    const published = Object.values(services).flatMap((s) => s.ports ?? []);
    expect(published.length).toBeGreaterThan(0);
    for (const port of published) expect(port).toMatch(/^127\.0\.0\.1:/);
  });

  it('refuses to start without the passwords, naming the missing variable', () => {
    const run = runTool(dockerCompose(), ['config', '-q'], {
      cwd: stack,
      env: { ...PASSWORDS, EARSHOT_WRITER_PASSWORD: '' },
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/set EARSHOT_WRITER_PASSWORD/);
  });

  it("mounts an Earshot config that Earshot's own parser accepts", () => {
    const config = parseConfigText(readFileSync(`${stack}/earshot.config.yaml`, 'utf8'));
    expect(config.brands.map((b) => b.key)).toEqual(['acme-air', 'globex']);
  });
});

describe('infra/compose/cluster (two shards, two replicas, three keepers)', () => {
  const { services } = composeConfig(cluster, PASSWORDS);
  const servers = Object.entries(services).filter(([name]) => name.startsWith('ch-'));
  const keepers = Object.entries(services).filter(([name]) => name.startsWith('keeper-'));

  it('runs four servers whose shard/replica identity matches remote_servers in cluster.xml', () => {
    const xml = readFileSync(clusterXml, 'utf8');
    const shards = [...xml.matchAll(/<shard>([\s\S]*?)<\/shard>/g)].map((m) =>
      [...m[1]!.matchAll(/<host>([^<]+)<\/host>/g)].map((h) => h[1]),
    );
    expect(shards).toEqual([
      ['ch-s1-r1', 'ch-s1-r2'],
      ['ch-s2-r1', 'ch-s2-r2'],
    ]);
    const identities = servers.map(([name, s]) => [
      name,
      s.hostname,
      s.environment?.CH_SHARD,
      s.environment?.CH_REPLICA,
    ]);
    expect(identities.sort()).toEqual([
      ['ch-s1-r1', 'ch-s1-r1', '01', 'ch-s1-r1'],
      ['ch-s1-r2', 'ch-s1-r2', '01', 'ch-s1-r2'],
      ['ch-s2-r1', 'ch-s2-r1', '02', 'ch-s2-r1'],
      ['ch-s2-r2', 'ch-s2-r2', '02', 'ch-s2-r2'],
    ]);
    for (const [, server] of servers) {
      expect(
        server.volumes?.some((v) => v.endsWith(':/etc/clickhouse-server/config.d/earshot-cluster.xml:ro')),
      ).toBe(true);
      expect(server.volumes?.some((v) => v.endsWith(':/etc/clickhouse-server/users.d/earshot.xml:ro'))).toBe(
        true,
      );
    }
  });

  it('runs three keepers with distinct ids that match the raft configuration', () => {
    const keeperXml = readFileSync(clusterXml.replace('cluster.xml', 'keeper.xml'), 'utf8');
    const raft = [...keeperXml.matchAll(/<server><id>(\d+)<\/id><hostname>([^<]+)<\/hostname>/g)].map((m) => [
      m[2],
      m[1],
    ]);
    const ids = keepers.map(([name, k]) => [name, k.environment?.KEEPER_SERVER_ID]);
    expect(ids.sort()).toEqual(raft.sort());
    expect(ids).toHaveLength(3);
  });
});
