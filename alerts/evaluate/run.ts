/**
 * `npx tsx alerts/evaluate/run.ts [--set dev|test|both]`: prints the evaluation tables of docs/alerts.md
 * (standard and hard series, both tracks, every sensitivity). Tune on dev only; the test set is for the
 * published figures.
 */
import type { AlertKind, Sensitivity } from '../detect/index.js';
import type { Difficulty, Track } from './generate.js';
import { evaluate, seriesOf, type SetResult } from './run-sets.js';
import { PROFILES } from './score.js';

const arg = process.argv.indexOf('--set');
const which = arg > 0 ? process.argv[arg + 1] : 'both';
const sets = (which === 'both' ? ['dev', 'test'] : [which]) as Array<'dev' | 'test'>;
const tracks: Array<{ track: Track; kinds: AlertKind[]; label: string }> = [
  { track: 'spike', kinds: ['volume_spike'], label: 'volume_spike on spike/ramp/plateau series' },
  { track: 'drop', kinds: ['drop', 'silence'], label: 'drop + silence on drop/silence series' },
];
const sensitivities: Sensitivity[] = ['low', 'medium', 'high'];

const pct = (r: { found: number; total: number } | undefined): string =>
  r ? `${Math.round((100 * r.found) / r.total)}% (${r.found}/${r.total})` : '–';
const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;

const difficulties: Difficulty[] = ['standard', 'hard'];

for (const difficulty of difficulties)
  for (const { track, kinds, label } of tracks) {
    console.log(`\n${label}, ${difficulty} series`);
    const shapes = track === 'spike' ? ['spike', 'ramp', 'plateau'] : ['drop', 'silence'];
    console.log(
      row([
        'set',
        'sensitivity',
        ...PROFILES.map((p) => p.name),
        ...shapes.map((s) => `recall ${s}`),
        'false alerts / week',
        'median delay',
      ]),
    );
    console.log(row(new Array(5 + shapes.length + 2).fill('---')));
    for (const set of sets) {
      const series = seriesOf(set, track, difficulty);
      for (const sensitivity of sensitivities) {
        const r: SetResult = evaluate(series, kinds, sensitivity);
        console.log(
          row([
            `${set} (${r.series} series, ${r.incidents} incidents)`,
            sensitivity,
            ...PROFILES.map((p) => r.scores[p.name]!.toFixed(1)),
            ...shapes.map((s) => pct(r.recall[s as keyof SetResult['recall']])),
            r.falsePerWeek.toFixed(2),
            r.medianDelayMinutes === null ? '–' : `${Math.round(r.medianDelayMinutes)} min`,
          ]),
        );
      }
    }
  }
