/** `earshot alerts detect` as a user (and the held-out evaluation) runs it: CSV on stdin, JSON lines out. */
import { describe, expect, it } from 'vitest';
import { generateSeries } from '../../alerts/evaluate/generate.js';
import { runEarshot } from './support.js';

interface Line {
  timestamp: string | number;
  score: number;
  alert: boolean;
}

const parse = (stdout: string): Line[] =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);

const iso = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

describe('earshot alerts detect', () => {
  it('scores two months of 5-minute counts: one line per row, alerts inside the incidents, quiet elsewhere', async () => {
    const s = generateSeries(424242, 1, 'spike');
    const csv = ['timestamp,value', ...s.starts.map((t, i) => `${iso(t)},${s.counts[i]}`)].join('\n');
    const r = await runEarshot(['alerts', 'detect'], { input: csv });
    expect(r.code).toBe(0);
    const lines = parse(r.stdout);
    expect(lines).toHaveLength(s.counts.length);
    expect(lines[0]).toEqual({ timestamp: iso(s.starts[0]!), score: 0, alert: false });
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(['timestamp', 'score', 'alert']);
      expect(l.score).toBeGreaterThanOrEqual(0);
      expect(l.score).toBeLessThanOrEqual(1);
      expect(l.alert).toBe(l.score >= 0.5);
    }
    const alerts = lines.flatMap((l, i) => (l.alert ? [i] : []));
    const inside = (i: number) => s.incidents.some((w) => i >= w.windowStart && i <= w.windowEnd);
    for (const w of s.incidents)
      expect(alerts.filter((i) => i >= w.windowStart && i <= w.windowEnd).length).toBe(1);
    expect(alerts.filter((i) => !inside(i)).length).toBeLessThanOrEqual(1);
    expect(r.stderr).toMatch(/interval 5m \(median spacing/);
  });

  it('is causal: the verdicts of a prefix are those of the full series', async () => {
    const s = generateSeries(424242, 2, 'spike', 20);
    const rows = s.starts.map((t, i) => `${Math.round(t / 1000)},${s.counts[i]}`);
    const full = await runEarshot(['alerts', 'detect', '--interval', '5m'], {
      input: `timestamp,value\n${rows.join('\n')}\n`,
    });
    const half = await runEarshot(['alerts', 'detect', '--interval', '5m'], {
      input: `timestamp,value\n${rows.slice(0, 3000).join('\n')}\n`,
    });
    expect(parse(half.stdout)).toEqual(parse(full.stdout).slice(0, 3000));
    // Epoch seconds come back as the numbers given.
    expect(parse(full.stdout)[0]!.timestamp).toBe(Math.round(s.starts[0]! / 1000));
  });

  it('reports bad rows with line and fix, writes a neutral line for them, keeps going; --strict fails instead', async () => {
    const input = [
      'timestamp,value',
      '2026-03-02 00:00:00,3',
      '2026-03-02 00:05:00,',
      '2026-03-02 00:10:00,abc',
      'yesterday,4',
      '2026-03-02T00:20:00Z,-1',
      '2026-03-02T00:25:00+01:00,5',
      '"2026-03-02 00:30:00","6"',
    ].join('\r\n');
    const r = await runEarshot(['alerts', 'detect'], { input });
    expect(r.code).toBe(0);
    const lines = parse(r.stdout);
    expect(lines.map((l) => l.timestamp)).toEqual([
      '2026-03-02 00:00:00',
      '2026-03-02 00:05:00',
      '2026-03-02 00:10:00',
      'yesterday',
      '2026-03-02T00:20:00Z',
      '2026-03-02T00:25:00+01:00',
      '2026-03-02 00:30:00',
    ]);
    expect(lines.every((l) => !l.alert && l.score === 0)).toBe(true);
    expect(r.stderr).toMatch(/line 4: value "abc" is not a count .* leave it empty for a missing bucket/);
    expect(r.stderr).toMatch(/line 5: timestamp "yesterday" is not ISO 8601/);
    expect(r.stderr).toMatch(/line 6: value "-1" is not a count/);
    expect(r.stderr).toMatch(/line 7: timestamp not after the previous row's/);

    const strict = await runEarshot(['alerts', 'detect', '--strict'], { input });
    expect(strict.code).toBe(2);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toMatch(/line 4: value "abc".*--strict: nothing written/);
  });

  it('copes with constant, all-zero, huge, gappy and irregular series and with a series shorter than the warm-up', async () => {
    const t0 = Date.UTC(2026, 2, 2);
    const make = (
      n: number,
      value: (i: number) => string,
      at: (i: number) => number = (i) => t0 + i * 300_000,
    ) => ['timestamp,value', ...Array.from({ length: n }, (_, i) => `${iso(at(i))},${value(i)}`)].join('\n');
    const cases = [
      make(4000, () => '7'),
      make(4000, () => '0'),
      make(4000, () => '1e300'),
      make(4000, (i) => (i % 50 < 10 ? '' : String(20 + (i % 7)))),
      make(
        4000,
        (i) => String(10 + (i % 5)),
        (i) => t0 + i * 300_000 + ((i * 7919) % 97) * 1000 + (i > 2000 ? 86_400_000 : 0),
      ),
      make(5, () => '3'),
    ];
    for (const input of cases) {
      const r = await runEarshot(['alerts', 'detect'], { input });
      expect(r.code).toBe(0);
      const lines = parse(r.stdout);
      expect(lines).toHaveLength(input.split('\n').length - 1);
      expect(lines.filter((l) => l.alert)).toEqual([]);
      for (const l of lines) expect(Number.isFinite(l.score)).toBe(true);
    }
  });

  it('refuses an unknown sensitivity or interval, saying what is accepted', async () => {
    const bad = await runEarshot(['alerts', 'detect', '--sensitivity', 'extreme'], {
      input: 'timestamp,value\n',
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--sensitivity "extreme" is not one of low, medium, high/);
    const interval = await runEarshot(['alerts', 'detect', '--interval', 'fortnightly'], {
      input: 'timestamp,value\n',
    });
    expect(interval.code).toBe(1);
    expect(interval.stderr).toMatch(/--interval "fortnightly" is not a duration like 5m/);
  });
});
