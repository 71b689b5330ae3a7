/**
 * Surveys as a user runs them: `earshot up` with a survey-file source (a CSV export in the working
 * folder) and a survey-webhook source; `earshot sql` in another terminal shows the NPS the scores give;
 * a signed delivery to the printed webhook URL changes it, and appending rows to the export adds only them;
 * a tickets-file export gives first-contact resolution and response times.
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signBody, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../connectors/survey-webhook/index.js';
import { runEarshot, startUp, type RunningCommand } from './support.js';

const SECRET = 'e2e-webhook-secret-0123456789';
const NPS_SQL =
  "SELECT count() AS responses, 100 * (countIf(score >= 9) - countIf(score <= 6)) / count() AS nps FROM survey_responses FINAL WHERE survey = 'nps'";

// 10 responses: 9, 10, 10, 9 (4 promoters), 7, 8 (2 passives), 0, 3, 6, 6 (4 detractors) → NPS 0.
const SCORES = [9, 10, 10, 9, 7, 8, 0, 3, 6, 6];

describe('earshot up with survey sources', () => {
  let cwd: string;
  let up: RunningCommand;
  const env = (): NodeJS.ProcessEnv => ({
    TEMPORAL_CLI_PATH: inject('temporalBinary'),
    EARSHOT_LOG_LEVEL: 'warn',
    NPS_HOOK_SECRET: SECRET,
  });

  const sql = async (): Promise<{ responses: number; nps: number }> => {
    const result = await runEarshot(['sql', NPS_SQL, '--json'], { cwd, env: env() });
    expect(result.code, result.stderr).toBe(0);
    const [row] = JSON.parse(result.stdout) as Array<{ responses: string | number; nps: number | null }>;
    return { responses: Number(row?.responses ?? 0), nps: Number(row?.nps ?? NaN) };
  };
  const until = async (responses: number): Promise<{ responses: number; nps: number }> => {
    const deadline = Date.now() + 90_000;
    let last = await sql();
    while (last.responses < responses && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      last = await sql();
    }
    return last;
  };

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'earshot-surveys-up-'));
    writeFileSync(
      join(cwd, 'nps.csv'),
      'response_id,submitted_at,score,comment\n' +
        SCORES.map((s, i) => `r${i},2026-03-01T09:0${i}:00Z,${s},"comment ${i}, scored ${s}"`).join('\n') +
        '\n',
    );
    // 4 tickets: 3 resolved, one of them reopened → FCR 2/3; answered in 10, 30, 90 min, one unanswered.
    writeFileSync(
      join(cwd, 'tickets.csv'),
      'id,created_at,first_response_at,resolved,reopened,channel,text\n' +
        't1,2026-03-01T09:00:00Z,2026-03-01T09:10:00Z,yes,0,email,Where is my refund?\n' +
        't2,2026-03-01T09:00:00Z,2026-03-01T09:30:00Z,yes,1,chat,App crashes on login\n' +
        't3,2026-03-01T09:00:00Z,2026-03-01T10:30:00Z,yes,0,email,Thanks for the quick help\n' +
        't4,2026-03-01T09:00:00Z,,no,0,phone,Nobody called back\n',
    );
    writeFileSync(
      join(cwd, 'earshot.config.yaml'),
      `brands:
  - { key: acme, name: Acme, query: acme }
sources:
  - id: nps-export
    type: survey-file
    interval: 5s
    brands: [acme]
    options:
      path: ./nps.csv
      survey: nps
      settleSeconds: 0
      columns: { id: response_id, submittedAt: submitted_at, score: score, comment: comment }
  - id: nps-hook
    type: survey-webhook
    brands: [acme]
    options: { survey: nps }
    credentials: { secret: NPS_HOOK_SECRET }
  - id: helpdesk
    type: tickets-file
    interval: 5s
    brands: [acme]
    options: { path: ./tickets.csv, settleSeconds: 0 }
`,
    );
    up = await startUp(cwd, env());
  });

  afterAll(async () => {
    await up?.stop('SIGKILL');
    rmSync(cwd, { recursive: true, force: true });
  });

  it('`earshot sql` shows the NPS of the imported export', async () => {
    expect(await until(10)).toEqual({ responses: 10, nps: 0 });
  });

  it('a signed webhook delivery to the printed URL is stored before its 200, and changes the NPS', async () => {
    const url = /survey webhook: POST (\S+)/.exec(up.output())?.[1];
    expect(url).toMatch(/\/hooks\/surveys\/nps-hook$/);
    const body = JSON.stringify({
      responses: [
        { id: 'h1', submitted_at: '2026-03-01T10:00:00Z', score: 10, comment: 'Great support' },
        { id: 'h2', submitted_at: '2026-03-01T10:01:00Z', score: 10 },
      ],
    });
    const ts = Math.floor(Date.now() / 1000);
    const response = await fetch(url!, {
      method: 'POST',
      headers: { [TIMESTAMP_HEADER]: String(ts), [SIGNATURE_HEADER]: signBody(SECRET, ts, body) },
      body,
    });
    expect(response.status).toBe(200);
    // 6 promoters, 4 detractors of 12 → 16.67, visible at once (stored before the 200).
    const after = await sql();
    expect(after.responses).toBe(12);
    expect(after.nps).toBeCloseTo((100 * 2) / 12, 6);
    const refused = await fetch(url!, { method: 'POST', body });
    expect(refused.status).toBe(401);
  });

  it('`earshot sql` shows first-contact resolution and response times of the ticket export', async () => {
    const query =
      'SELECT count() AS tickets, countIf(resolved = 1 AND reopened = 0) / countIf(resolved = 1) AS fcr, ' +
      'quantileExactInclusive(0.5)(first_response_ms) / 60000 AS median_min, ' +
      'countIf(first_response_ms <= 3600000) / count() AS within_1h FROM tickets FINAL';
    const deadline = Date.now() + 90_000;
    let row: Record<string, unknown> = {};
    while (Date.now() < deadline) {
      const result = await runEarshot(['sql', query, '--json'], { cwd, env: env() });
      expect(result.code, result.stderr).toBe(0);
      row = (JSON.parse(result.stdout) as Array<Record<string, unknown>>)[0] ?? {};
      if (Number(row.tickets) === 4) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(Number(row.tickets)).toBe(4);
    expect(Number(row.fcr)).toBeCloseTo(2 / 3, 9);
    expect(Number(row.median_min)).toBe(30);
    expect(Number(row.within_1h)).toBe(0.5);
  });

  it('rows appended to the export are added once', async () => {
    appendFileSync(join(cwd, 'nps.csv'), 'r10,2026-03-01T09:30:00Z,0,"appended"\n');
    const after = await until(13);
    // 6 promoters, 5 detractors of 13.
    expect(after.responses).toBe(13);
    expect(after.nps).toBeCloseTo(100 / 13, 6);
    await new Promise((r) => setTimeout(r, 6000)); // another poll reads nothing new
    expect((await sql()).responses).toBe(13);
  });
});
