/**
 * The demo stream as a second source: what `npm start` shows. Mentions of the demo connector's generator,
 * scored by the real sentiment engine, bucketed per brand into 5-minute volume and negatives, then run
 * through the detectors: every outage burst must give one negative-spike alert, and nothing else may.
 */
import { describe, expect, it } from 'vitest';
import { createDetector, type AlertKind, type SeriesBucket } from '../../../../alerts/detect/index.js';
import { mentionsForMinute, outageBrand } from '../../../../connectors/demo/generate.js';
import type { BrandQuery } from '../../../../core/connector.js';
import { createAnalyzer } from '../../../../sentiment/index.js';

const BRANDS: BrandQuery[] = [
  { key: 'acme', name: 'Acme Air', query: 'acme' },
  { key: 'globex', name: 'Globex', query: 'globex' },
  { key: 'initech', name: 'Initech', query: 'initech' },
];
const SETTINGS = { seed: 42, ratePerMinute: 6, spikeEveryHours: 6 };
const T0 = Date.UTC(2026, 2, 2);
const DAYS = 4;
const BUCKET = 300_000;
/** The demo runs with a day of history: a short warm-up, as a demo config would set. */
const PARAMS = { warmupHours: 12, quietHours: 12 };

function demoSeries(): Map<string, SeriesBucket[]> {
  const analyzer = createAnalyzer();
  const n = (DAYS * 86_400_000) / BUCKET;
  const series = new Map(
    BRANDS.map((b) => [
      b.key,
      Array.from({ length: n }, (_, i) => ({ start: T0 + i * BUCKET, count: 0, total: 0 })),
    ]),
  );
  for (let m = T0 / 60_000; m < T0 / 60_000 + DAYS * 1440; m++) {
    for (const mention of mentionsForMinute(SETTINGS, BRANDS, m)) {
      const brand = BRANDS.find((b) => mention.text.includes(b.name));
      if (!brand) continue;
      const bucket = series.get(brand.key)![Math.floor((mention.published_at - T0) / BUCKET)]!;
      bucket.total++;
      if (analyzer.analyze(mention.text).label === 'negative') bucket.count++;
    }
  }
  return series;
}

/** Alert bucket starts of `kind` over a brand's series (negatives for negative_spike, volume otherwise). */
function alerts(kind: AlertKind, buckets: SeriesBucket[]): number[] {
  const d = createDetector(kind, { intervalMs: BUCKET, params: PARAMS });
  const input =
    kind === 'negative_spike' ? buckets : buckets.map((b) => ({ start: b.start, count: b.total! }));
  return input.flatMap((b) => (d.step(b).alert ? [b.start] : []));
}

describe('detectors on the demo stream', () => {
  const series = demoSeries();
  const scoredFrom = T0 + PARAMS.quietHours * 3_600_000;

  it('raises one negative_spike per outage burst, within its first 30 minutes (the persistence), and no other', () => {
    for (const brand of BRANDS) {
      const outages: number[] = [];
      for (let h = scoredFrom / 3_600_000; h < T0 / 3_600_000 + DAYS * 24; h++) {
        if (outageBrand(SETTINGS, BRANDS, h)?.key === brand.key) outages.push(h * 3_600_000);
      }
      const got = alerts('negative_spike', series.get(brand.key)!).filter((t) => t >= scoredFrom);
      expect(got.length, `${brand.key}: one alert per outage`).toBe(outages.length);
      got.forEach((t, k) => {
        expect(t - outages[k]!).toBeGreaterThanOrEqual(0);
        expect(t - outages[k]!).toBeLessThanOrEqual(30 * 60_000);
      });
    }
  });

  it('never reports a drop or a silence on the steady stream', () => {
    for (const brand of BRANDS) {
      for (const kind of ['drop', 'silence'] as const)
        expect(alerts(kind, series.get(brand.key)!)).toEqual([]);
    }
  });
});
