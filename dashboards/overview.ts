/** Brand overview dashboard: how much, how positive, who, how engaging; what stands out. */
import * as p from './panels/overview.js';
import type { DashboardSpec } from './grafana/dashboard.js';

export const OVERVIEW_DASHBOARD: DashboardSpec = {
  uid: 'earshot-overview',
  title: 'Earshot · Brand overview',
  description:
    'Volume, net sentiment, sentiment mix, authors and engagement of the picked brands; top mentions and aspects.',
  from: 'now-7d',
  refresh: '5m',
  variables: ['brand', 'source', 'aspect'],
  alertAnnotations: true,
  rows: [
    { cells: [[p.overviewTotals, 24, 4]] },
    {
      cells: [
        [p.overviewVolume, 12, 8],
        [p.overviewNetSentiment, 12, 8],
        [p.overviewSentimentMix, 8, 8],
        [p.overviewUniqueAuthors, 8, 8],
        [p.overviewEngagement, 8, 8],
      ],
    },
    {
      title: 'What stands out',
      cells: [
        [p.overviewTopNegative, 12, 10],
        [p.overviewTopPositive, 12, 10],
        [p.overviewTopAspects, 24, 8],
      ],
    },
  ],
};
