/** Competitive benchmark dashboard: the picked brands beside the competitors from the configuration. */
import * as p from './panels/benchmark.js';
import type { DashboardSpec } from './grafana/dashboard.js';

export const BENCHMARK_DASHBOARD: DashboardSpec = {
  uid: 'earshot-benchmark',
  title: 'Earshot · Competitive benchmark',
  description:
    'Share of voice, volume, net sentiment, aspect complaints and ratings of the brands against their competitors.',
  from: 'now-30d',
  refresh: '15m',
  variables: ['brand', 'competitor', 'source', 'aspect'],
  alertAnnotations: false,
  rows: [
    {
      cells: [
        [p.benchmarkShareOfVoice, 24, 9],
        [p.benchmarkVolume, 12, 8],
        [p.benchmarkNetSentiment, 12, 8],
        [p.benchmarkAspectHeatmap, 12, 9],
        [p.benchmarkRatings, 12, 9],
        [p.benchmarkRanking, 24, 8],
      ],
    },
  ],
};
