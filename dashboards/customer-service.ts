/** Customer-service dashboard: what customers complain about, how much, and when. */
import * as p from './panels/customer-service.js';
import type { DashboardSpec, LayoutCell } from './grafana/dashboard.js';

/** Issue 14's response-time panels (CUSTOMER_SERVICE_RESPONSE_PANELS), or a note until they exist. */
const responseCells: LayoutCell[] =
  p.CUSTOMER_SERVICE_RESPONSE_PANELS.length > 0
    ? p.CUSTOMER_SERVICE_RESPONSE_PANELS.map((panel): LayoutCell => [panel, 12, 8])
    : [
        [
          {
            title: 'Response times',
            note: 'Response-time panels (first response, time to resolve, share within SLA) come with the care-records connectors; see docs/dashboards.md.',
          },
          24,
          3,
        ],
      ];

export const CUSTOMER_SERVICE_DASHBOARD: DashboardSpec = {
  uid: 'earshot-customer-service',
  title: 'Earshot · Customer service',
  description:
    'Service aspects over time, complaint share, top complaints per aspect, complaints by hour of week.',
  from: 'now-7d',
  refresh: '5m',
  variables: ['brand', 'source', 'aspect'],
  alertAnnotations: true,
  rows: [
    {
      cells: [
        [p.serviceAspectsOverTime, 16, 9],
        [p.serviceComplaintShare, 8, 9],
        [p.serviceTopComplaints, 24, 10],
        [p.serviceHourOfWeek, 24, 9],
      ],
    },
    { title: 'Response times', cells: responseCells },
  ],
};
