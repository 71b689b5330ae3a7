/**
 * The embedded default as a user runs it: `earshot up` with no config (built-in demo) in one process;
 * `earshot sql` and `earshot status` in "another terminal" while it runs (chDB allows one process per
 * data dir, so they go through the up process's ClickHouse HTTP interface); a client library from another
 * ecosystem (clickhouse-go) connects with what `earshot connect --json` prints; Ctrl-C shuts down cleanly.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { buildClickHouseGoConformance, runClickHouseGo } from '../support/clickhouse-go.js';
import { runEarshot, startUp, type RunningCommand } from './support.js';

describe('earshot up + sql + status', () => {
  let cwd: string;
  let up: RunningCommand;
  const env = (): NodeJS.ProcessEnv => ({
    TEMPORAL_CLI_PATH: inject('temporalBinary'),
    EARSHOT_LOG_LEVEL: 'warn',
  });

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'earshot-up-'));
    up = await startUp(cwd, env());
  });

  afterAll(async () => {
    await up?.stop('SIGKILL');
    rmSync(cwd, { recursive: true, force: true });
  });

  it('ingests demo mentions that `earshot sql` can count from a second process within 60 s', async () => {
    const deadline = Date.now() + 60_000;
    let count = 0;
    while (Date.now() < deadline && count === 0) {
      const result = await runEarshot(['sql', 'SELECT count() AS n FROM mentions', '--json'], {
        cwd,
        env: env(),
      });
      expect(result.stderr).not.toMatch(/Cannot lock file/);
      expect(result.code).toBe(0);
      count = Number((JSON.parse(result.stdout) as Array<{ n: number }>)[0]?.n ?? 0);
      if (count === 0) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(count).toBeGreaterThan(0);
  });

  it('refuses writes from `earshot sql` and keeps the users and discovery files owner-only', async () => {
    const result = await runEarshot(['sql', 'DROP TABLE mentions'], { cwd, env: env() });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/read-only|readonly|not allowed|refused/i);
    for (const file of ['clickhouse-users.json', 'clickhouse-http.json']) {
      expect(statSync(join(cwd, '.earshot/data', file)).mode & 0o777).toBe(0o600);
    }
  });

  it('connects clickhouse-go with what `earshot connect --user analyst --json` prints: parameterized reads, refused writes', async () => {
    const printed = await runEarshot(['connect', '--user', 'analyst', '--json'], { cwd, env: env() });
    expect(printed.code).toBe(0);
    const info = JSON.parse(printed.stdout) as {
      url: string;
      database: string;
      user: string;
      password: string;
      host: string;
      port: number;
    };
    expect(info).toMatchObject({ user: 'analyst', database: 'earshot', host: '127.0.0.1' });
    expect(info.url).toBe(`http://127.0.0.1:${info.port}`);
    const report = await runClickHouseGo(await buildClickHouseGoConformance(), 'mentions', info);
    expect(report.ping).toEqual({ ok: true });
    expect(report['mentions.count']).toMatchObject({ ok: true });
    expect(Number(report['mentions.count']!.value)).toBeGreaterThan(0);
    expect(report['mentions.rows']).toEqual({ ok: true, value: 5 });
    for (const op of ['insert', 'drop', 'create']) {
      expect(report[`analyst.${op}`], op).toMatchObject({
        ok: false,
        code: 164,
        errType: '*clickhouse.Exception',
      });
    }
    const table = await runEarshot(['connect', '--user', 'grafana'], { cwd, env: env() });
    expect(table.stdout).toMatch(/grafana-clickhouse-datasource/);
    expect(table.stdout).toMatch(/jdbc:clickhouse:\/\/127\.0\.0\.1:\d+\/earshot/);
    expect(table.stdout).toContain('clickhouse_connect.get_client(');
  }, 900_000);

  it('shows the demo source healthy in `earshot status`', async () => {
    let result = await runEarshot(['status', '--json'], { cwd, env: env() });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !/"status":\s*"ok"/.test(result.stdout)) {
      await new Promise((r) => setTimeout(r, 1000));
      result = await runEarshot(['status', '--json'], { cwd, env: env() });
    }
    expect(result.code).toBe(0);
    const sources = JSON.parse(result.stdout) as Array<{
      sourceId: string;
      status: string;
      totalMentions: number;
    }>;
    const demo = sources.find((s) => s.sourceId === 'demo');
    expect(demo).toMatchObject({ status: 'ok' });
    expect(demo!.totalMentions).toBeGreaterThan(0);
    const table = await runEarshot(['status'], { cwd, env: env() });
    expect(table.stdout).toMatch(/demo/);
    expect(table.stdout).toMatch(/ok/);
  });

  it('refuses a second `earshot up` on the same data dir before starting anything', async () => {
    const second = await runEarshot(['up', '--temporal-port', '0', '--ui-port', '0'], { cwd, env: env() });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      /in use by another Earshot process .* query it with `earshot sql` while it runs/,
    );
    expect(second.stderr).not.toMatch(/Temporal dev server on/);
  });

  it('shuts down cleanly on Ctrl-C', async () => {
    const code = await up.stop('SIGINT');
    expect(code).toBe(0);
    expect(up.output()).toMatch(/stopped cleanly/);
  });
});
