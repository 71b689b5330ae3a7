/** Pipeline health dashboard: is every source polled, failing, rate-limited; is rescoring done. */
import * as p from './panels/pipeline.js';
import type { DashboardSpec } from './grafana/dashboard.js';

export const PIPELINE_DASHBOARD: DashboardSpec = {
  uid: 'earshot-pipeline',
  title: 'Earshot · Pipeline health',
  description:
    'Per source: polls, failures, last error, fetched / new, poll duration, rate-limit waits; rescoring progress.',
  from: 'now-24h',
  refresh: '1m',
  variables: ['source'],
  alertAnnotations: false,
  rows: [
    {
      cells: [
        [p.pipelineSources, 24, 8],
        [p.pipelinePolls, 12, 8],
        [p.pipelineFetched, 12, 8],
        [p.pipelineDuration, 12, 8],
        [p.pipelineRateLimits, 12, 8],
        [p.pipelineScorerVersions, 8, 8],
      ],
    },
  ],
};
