/** Alerts dashboard: what fired, why (evidence) and whether it reached people (delivery per channel). */
import * as p from './panels/alerts.js';
import type { DashboardSpec } from './grafana/dashboard.js';

export const ALERTS_DASHBOARD: DashboardSpec = {
  uid: 'earshot-alerts',
  title: 'Earshot · Alerts',
  description:
    'Timeline and table of spike, drop and silence alerts with their evidence and delivery status.',
  from: 'now-7d',
  refresh: '1m',
  variables: ['brand'],
  alertAnnotations: true,
  rows: [
    {
      cells: [
        [p.alertsTimeline, 24, 7],
        [p.alertsTable, 24, 14],
      ],
    },
  ],
};
