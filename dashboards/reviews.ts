/** Reviews dashboard: ratings, NPS-style and CSAT-style scores, per source / app / country, low ratings. */
import * as p from './panels/reviews.js';
import type { DashboardSpec } from './grafana/dashboard.js';

export const REVIEWS_DASHBOARD: DashboardSpec = {
  uid: 'earshot-reviews',
  title: 'Earshot · Reviews',
  description:
    'Rating distribution, average stars, NPS-style and CSAT-style scores over time and per source, latest low ratings.',
  from: 'now-30d',
  refresh: '15m',
  variables: ['brand', 'source'],
  alertAnnotations: false,
  rows: [
    {
      cells: [
        [p.reviewsTotals, 16, 5],
        [p.reviewsDistribution, 8, 5],
        [p.reviewsAverageStars, 12, 8],
        [p.reviewsScores, 12, 8],
        [p.reviewsBySource, 24, 7],
        [p.reviewsLatestLow, 24, 10],
      ],
    },
  ],
};
