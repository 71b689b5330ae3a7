/**
 * Synthetic brand-mention series for evaluating the detectors, built to look like real 5-minute mention
 * counts: daily and weekly cycles in a local time zone, slow trend, unlabelled level shifts, negative-binomial
 * (overdispersed) noise, unlabelled heavy-tailed bursts (news, bots) and one-bucket blips, sparse brands with
 * mostly empty buckets, and labelled incidents of several shapes. Deterministic per seed.
 */
import { createRandom, type Random } from './random.js';

/** Shapes of injected incidents; `spike`, `ramp`, `plateau` raise volume, `drop`, `silence` lower it. */
export type IncidentShape = 'spike' | 'ramp' | 'plateau' | 'drop' | 'silence';

/** Volume sizes of the synthetic brands (mean mentions per 5 minutes). */
export type BrandSize = 'large' | 'medium' | 'small' | 'sparse';

/** One labelled incident: where it starts and its scoring window (bucket indices, inclusive). */
export interface LabelledIncident {
  shape: IncidentShape;
  onset: number;
  end: number;
  windowStart: number;
  windowEnd: number;
}

/** A generated series. */
export interface SyntheticSeries {
  name: string;
  size: BrandSize;
  intervalMs: number;
  starts: number[];
  counts: number[];
  incidents: LabelledIncident[];
}

/** Which incidents a series receives: the volume-spike track or the drop / silence track. */
export type Track = 'spike' | 'drop';

/**
 * `standard`: incidents well above the noise, bursts a few times a day. `hard`: incidents about half as
 * large, bursts twice as frequent, heavier-tailed and longer (up to an hour): where the detectors fail.
 */
export type Difficulty = 'standard' | 'hard';

const HARDNESS: Record<
  Difficulty,
  { size: number; burstsPerDay: number; tail: number; burstLength: number }
> = {
  standard: { size: 1, burstsPerDay: 2.5, tail: 2.2, burstLength: 8 },
  hard: { size: 0.5, burstsPerDay: 5, tail: 1.6, burstLength: 12 },
};

const INTERVAL = 5 * 60_000;
const PER_HOUR = 12;
const PER_DAY = 288;
const MEANS: Record<BrandSize, [number, number]> = {
  large: [80, 400],
  medium: [12, 60],
  small: [2, 8],
  sparse: [0.15, 0.8],
};

/** Generates series `index` of a set whose seed is `seed`. */
export function generateSeries(
  seed: number,
  index: number,
  track: Track,
  days = 60,
  difficulty: Difficulty = 'standard',
): SyntheticSeries {
  const rnd = createRandom(seed * 7919 + index * 104729 + (track === 'drop' ? 17 : 0));
  const hard = HARDNESS[difficulty];
  const sizes: BrandSize[] =
    track === 'drop' ? ['large', 'medium', 'small'] : ['large', 'medium', 'small', 'sparse'];
  const size = sizes[index % sizes.length]!;
  const n = days * PER_DAY;
  // Start on a Sunday or so at a non-round minute: real exports need not align.
  const t0 = Date.UTC(2026, 2, 1 + rnd.int(0, 7), rnd.int(0, 24), rnd.int(0, 60), rnd.int(0, 60));
  const [lo, hi] = MEANS[size];
  const mean0 = Math.exp(rnd.between(Math.log(lo), Math.log(hi)));

  const base = baseMeans(rnd, n, t0, mean0);
  const phi = rnd.between(0.03, 0.25);
  const factor = new Array<number>(n).fill(1);
  const extra = new Array<number>(n).fill(0);
  addBursts(rnd, n, base, mean0, extra, hard);
  const incidents = placeIncidents(rnd, n, track);
  for (const inc of incidents) inject(rnd, inc, base, mean0, factor, extra, hard.size);

  const counts = base.map((m, i) => {
    const mu = m * factor[i]! + extra[i]!;
    if (mu <= 0) return 0;
    return rnd.poisson(mu * (rnd.gamma(1 / phi) * phi));
  });
  return {
    name: `${track}-${difficulty}-${seed}-${index}-${size}`,
    size,
    intervalMs: INTERVAL,
    starts: base.map((_, i) => t0 + i * INTERVAL),
    counts,
    incidents,
  };
}

/** Seasonal, trending mean with unlabelled level shifts. */
function baseMeans(rnd: Random, n: number, t0: number, mean0: number): number[] {
  const peakHour = rnd.between(0, 24);
  const amplitude = rnd.between(0.4, 1.1);
  const second = rnd.between(0, 0.3);
  const weekend = Math.log(rnd.between(0.55, 1.05));
  const trend = rnd.between(-0.4, 0.4);
  const zoneHours = rnd.int(-8, 9);
  const shifts: Array<[number, number]> = [];
  for (let k = rnd.int(0, 3); k > 0; k--) shifts.push([rnd.int(PER_DAY * 3, n), rnd.between(-0.45, 0.45)]);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const local = t0 + i * INTERVAL + zoneHours * 3_600_000;
    const hour = (local / 3_600_000) % 24;
    const dow = (Math.floor(local / 86_400_000) + 3) % 7; // 0 = Monday
    const phase = (2 * Math.PI * (hour - peakHour)) / 24;
    let log = amplitude * Math.cos(phase) + second * Math.cos(2 * phase) + (dow >= 5 ? weekend : 0);
    log += (trend * i) / n;
    for (const [at, by] of shifts) if (i >= at) log += by;
    out[i] = mean0 * Math.exp(log);
  }
  return out;
}

/** Unlabelled bursts (heavy-tailed size, a few per day) and one-bucket blips (about weekly). */
function addBursts(
  rnd: Random,
  n: number,
  base: number[],
  mean0: number,
  extra: number[],
  hard: { burstsPerDay: number; tail: number; burstLength: number },
): void {
  const floor = Math.max(mean0, 3);
  for (let i = 0; i < n; i++) {
    if (rnd.uniform() < hard.burstsPerDay / PER_DAY) {
      const size = 0.8 * (Math.pow(rnd.uniform() || 1e-9, -1 / hard.tail) - 1);
      let len = 1;
      while (len < hard.burstLength && rnd.uniform() < 0.55) len++;
      for (let j = i; j < Math.min(n, i + len); j++) extra[j]! += size * Math.max(base[j]!, floor * 0.5);
    }
    if (rnd.uniform() < 1 / (7 * PER_DAY)) {
      const len = rnd.int(1, 3);
      const size = rnd.between(2, 5);
      for (let j = i; j < Math.min(n, i + len); j++) extra[j]! += size * Math.max(base[j]!, floor);
    }
  }
}

/** One to four incidents after the warm-up, windows 10% of the series split between them. */
function placeIncidents(rnd: Random, n: number, track: Track): LabelledIncident[] {
  const count = rnd.int(1, 5);
  const width = Math.floor((0.1 * n) / count);
  const warm = Math.ceil(0.15 * n);
  const shapes: IncidentShape[] = track === 'drop' ? ['drop', 'silence'] : ['spike', 'ramp', 'plateau'];
  const out: LabelledIncident[] = [];
  for (let attempt = 0; out.length < count && attempt < 200; attempt++) {
    const onset = rnd.int(warm + width / 2, n - PER_DAY * 2);
    if (out.some((o) => Math.abs(o.onset - onset) < Math.max(width, PER_DAY * 3))) continue;
    const shape = shapes[rnd.int(0, shapes.length)]!;
    const half = Math.floor(width / 2);
    out.push({
      shape,
      onset,
      end: onset,
      windowStart: Math.max(warm, onset - half),
      windowEnd: Math.min(n - 1, onset + half),
    });
  }
  return out.sort((a, b) => a.onset - b.onset);
}

/** Writes the incident's effect on the series into `factor` / `extra` and sets its end. */
function inject(
  rnd: Random,
  inc: LabelledIncident,
  base: number[],
  mean0: number,
  factor: number[],
  extra: number[],
  size: number,
): void {
  const n = base.length;
  // Incidents scale with the brand's usual daytime volume, not the (possibly nightly) current one.
  const level = Math.max(mean0, 2.5);
  const add = (i: number, times: number): void => {
    if (i < n) extra[i]! += size * times * Math.max(base[i]!, level * 0.6);
  };
  const o = inc.onset;
  let end = o;
  switch (inc.shape) {
    case 'spike': {
      const peak = rnd.between(2.5, 12);
      const tau = rnd.between(0.5, 4) * PER_HOUR;
      for (let k = 0; ; k++) {
        const v = peak * Math.exp(-k / tau);
        if (v < 0.2) break;
        add(o + k, v);
        end = o + k;
      }
      break;
    }
    case 'ramp': {
      const peak = rnd.between(2, 6);
      const rise = Math.round(rnd.between(1, 6) * PER_HOUR);
      for (let k = 0; k < rise; k++) add(o + k, (peak * (k + 1)) / rise);
      const tau = 2 * PER_HOUR;
      for (let k = 0; ; k++) {
        const v = peak * Math.exp(-k / tau);
        if (v < 0.2) break;
        add(o + rise + k, v);
        end = o + rise + k;
      }
      break;
    }
    case 'plateau': {
      const height = rnd.between(1.5, 4);
      const len = Math.round(rnd.between(4, 24) * PER_HOUR);
      for (let k = 0; k < len; k++) add(o + k, height * Math.min(1, (k + 1) / 3, (len - k) / 3));
      end = o + len;
      break;
    }
    case 'drop': {
      const keep = 1 - size * (1 - rnd.between(0.05, 0.3));
      const len = Math.round(rnd.between(2, 12) * PER_HOUR);
      for (let k = 0; k < len && o + k < n; k++) factor[o + k] = keep;
      end = o + len;
      break;
    }
    case 'silence': {
      const len = Math.round(rnd.between(1, 12) * PER_HOUR);
      for (let k = 0; k < len && o + k < n; k++) {
        factor[o + k] = 0;
        extra[o + k] = 0;
      }
      end = o + len;
      break;
    }
  }
  inc.end = Math.min(n - 1, end);
}
