/**
 * infra/helm/earshot through the real Helm (built with Go on first use): `helm lint`, and `helm template`
 * rendered with the default values and with the options a Temporal Cloud / production install sets.
 */
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../core/config/file.js';
import { ensureHelm, HELM_BUILD_TIMEOUT_MS, runTool } from '../../support/infra-tools.js';

const chart = fileURLToPath(new URL('../../../infra/helm/earshot', import.meta.url));

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef: { name: string; key: string } };
}
interface Container {
  args: string[];
  env: EnvVar[];
  livenessProbe: { httpGet: { path: string } };
  readinessProbe: { httpGet: { path: string } };
  securityContext: { readOnlyRootFilesystem: boolean; allowPrivilegeEscalation: boolean };
  resources: { limits: { memory: string } };
}
interface Rendered {
  kind: string;
  metadata: { name: string };
  spec?: {
    replicas?: number;
    template?: { spec: { containers: Container[]; securityContext: { runAsNonRoot: boolean } } };
  };
  data?: Record<string, string>;
}

let helm: string;

function template(sets: string[] = []): Rendered[] {
  const run = runTool(helm, ['template', 'demo', chart, ...sets.flatMap((s) => ['--set', s])]);
  if (run.status !== 0) throw new Error(`helm template failed:\n${run.stderr}`);
  return parseAllDocuments(run.stdout)
    .map((d) => d.toJS() as Rendered | null)
    .filter((d): d is Rendered => d !== null);
}

const worker = (docs: Rendered[]): Container => {
  const deployment = docs.find((d) => d.kind === 'Deployment');
  if (!deployment?.spec?.template) throw new Error('no Deployment rendered');
  return deployment.spec.template.spec.containers[0]!;
};
const envOf = (container: Container, name: string): EnvVar | undefined =>
  container.env.find((e) => e.name === name);

beforeAll(async () => {
  helm = await ensureHelm();
}, HELM_BUILD_TIMEOUT_MS);

describe('infra/helm/earshot', () => {
  it('passes helm lint', () => {
    const run = runTool(helm, ['lint', chart, '--strict']);
    expect(run.stdout + run.stderr).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
    expect(run.status).toBe(0);
  });

  it('renders a worker Deployment, its ConfigMap and a PodDisruptionBudget with the default values', () => {
    const docs = template();
    expect(docs.map((d) => d.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'PodDisruptionBudget']);
    const deployment = docs.find((d) => d.kind === 'Deployment')!;
    expect(deployment.spec?.replicas).toBe(2);
    expect(deployment.spec?.template?.spec.securityContext.runAsNonRoot).toBe(true);
    const container = worker(docs);
    expect(container.args).toEqual([
      'worker',
      '--config',
      '/etc/earshot/earshot.config.yaml',
      '--health-port',
      '8080',
    ]);
    expect(container.livenessProbe.httpGet.path).toBe('/livez');
    expect(container.readinessProbe.httpGet.path).toBe('/healthz');
    expect(container.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    expect(container.resources.limits.memory).toBe('1536Mi');
  });

  it("stores a config Earshot's own parser accepts", () => {
    const configMap = template().find((d) => d.kind === 'ConfigMap')!;
    const config = parseConfigText(configMap.data!['earshot.config.yaml']!);
    expect(config.sources.map((s) => s.type)).toEqual(['hackernews']);
  });

  it('takes every secret from a Secret reference, never as a plain value', () => {
    const container = worker(
      template([
        'temporal.apiKeySecret.name=temporal-cloud',
        'temporal.apiKeySecret.key=api-key',
        'secretEnv[0].name=REDDIT_CLIENT_SECRET',
        'secretEnv[0].secretName=earshot-connectors',
        'secretEnv[0].key=reddit',
      ]),
    );
    expect(envOf(container, 'CLICKHOUSE_PASSWORD')).toEqual({
      name: 'CLICKHOUSE_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'earshot-clickhouse', key: 'writer-password' } },
    });
    expect(envOf(container, 'TEMPORAL_API_KEY')?.valueFrom?.secretKeyRef).toEqual({
      name: 'temporal-cloud',
      key: 'api-key',
    });
    expect(envOf(container, 'REDDIT_CLIENT_SECRET')?.valueFrom?.secretKeyRef).toEqual({
      name: 'earshot-connectors',
      key: 'reddit',
    });
    for (const name of ['CLICKHOUSE_PASSWORD', 'TEMPORAL_API_KEY', 'REDDIT_CLIENT_SECRET']) {
      expect(envOf(container, name)?.value, name).toBeUndefined();
    }
  });

  it('mounts the mTLS client certificate for Temporal when a TLS secret is named', () => {
    const container = worker(template(['temporal.tls.secretName=temporal-mtls']));
    expect(envOf(container, 'TEMPORAL_TLS_CERT')?.value).toBe('/etc/earshot/temporal-tls/tls.crt');
    expect(envOf(container, 'TEMPORAL_TLS_KEY')?.value).toBe('/etc/earshot/temporal-tls/tls.key');
    expect(envOf(worker(template()), 'TEMPORAL_TLS_CERT')).toBeUndefined();
  });

  it('refuses to render without the ClickHouse password Secret, naming the value to set', () => {
    const run = runTool(helm, ['template', 'demo', chart, '--set', 'clickhouse.passwordSecret.name=']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/clickhouse\.passwordSecret\.name is required/);
  });

  it('drops the PodDisruptionBudget for a single replica', () => {
    expect(template(['replicaCount=1']).map((d) => d.kind)).not.toContain('PodDisruptionBudget');
  });
});
