/**
 * Gathers what a brand report shows, from the same panel definitions as the dashboards and the web view: the
 * period's KPIs beside the previous period and the competitors, the charts, the top negative and positive
 * mentions, the alerts of the period and the KPI definitions.
 */
import type { Brand } from '../core/config/index.js';
import type { AlertRecord } from '../core/alert.js';
import { KPI, PANELS, type PanelDefinition } from '../dashboards/panels/index.js';
import {
  previousWindow,
  readAlerts,
  runPanel,
  type ChartModel,
  type DataReader,
  type PanelScope,
  type TimeWindow,
} from '../web/index.js';

/** The report's KPI panel, charts (in order; the first of a pair that exists) and tables. */
export const REPORT_KPIS = 'overview.totals';
export const REPORT_CHARTS: ReadonlyArray<{ id: string; competitors: boolean }> = [
  { id: 'overview.volume', competitors: true },
  { id: 'benchmark.share-of-voice', competitors: true },
  { id: 'overview.net-sentiment', competitors: true },
  { id: 'overview.sentiment-mix', competitors: false },
  { id: 'overview.top-aspects', competitors: false },
  { id: 'service.complaint-share', competitors: false },
  { id: 'reviews.avg-stars', competitors: false },
];
export const REPORT_TABLES = ['overview.top-negative', 'overview.top-positive'];

/** Everything a report shows. */
export interface ReportData {
  brand: { key: string; name: string };
  window: TimeWindow;
  previous: TimeWindow;
  generatedAt: number;
  /** KPI rows: the brand (this and the previous period), then each competitor (this period). */
  kpis?: {
    panel: PanelDefinition;
    rows: Array<{ name: string; isBrand: boolean; current: ChartModel; previous: ChartModel }>;
  };
  charts: ChartModel[];
  tables: ChartModel[];
  alerts: AlertRecord[];
  /** Set when alerts could not be read (not recorded in this store). */
  alertsNote?: string;
  /** KPI name → definition (Markdown). */
  definitions: Array<{ title: string; text: string }>;
}

/** Options of `buildReport`. */
export interface BuildReportOptions {
  reader: DataReader;
  brands: readonly Brand[];
  brand: string;
  window: TimeWindow;
  now?: number;
}

const panel = (id: string): PanelDefinition | undefined => PANELS.find((p) => p.id === id);

/** Reads the report's data. Throws when `brand` is not configured or a query fails. */
export async function buildReport(options: BuildReportOptions): Promise<ReportData> {
  const { reader, window: w } = options;
  const brand = options.brands.find((b) => b.key === options.brand);
  if (!brand) {
    throw new Error(
      `Unknown brand "${options.brand}"; use one of: ${options.brands.map((b) => b.key).join(', ')}`,
    );
  }
  const brandNames = Object.fromEntries(options.brands.map((b) => [b.key, b.name]));
  const scope = (withCompetitors: boolean, key = brand.key): PanelScope => ({
    brand: key,
    competitors: brand.competitors,
    withCompetitors,
    brandNames,
  });
  const previous = previousWindow(w);
  const kpiPanel = panel(REPORT_KPIS);
  const kpis = kpiPanel
    ? {
        panel: kpiPanel,
        rows: await Promise.all(
          [brand.key, ...brand.competitors].map(async (key) => ({
            name: brandNames[key] ?? key,
            isBrand: key === brand.key,
            current: await runPanel(reader, kpiPanel, scope(false, key), w),
            previous: await runPanel(reader, kpiPanel, scope(false, key), previous),
          })),
        ),
      }
    : undefined;
  const charts = await Promise.all(
    REPORT_CHARTS.flatMap((c) => {
      const p = panel(c.id);
      return p ? [runPanel(reader, p, scope(c.competitors), w)] : [];
    }),
  );
  const tables = await Promise.all(
    REPORT_TABLES.flatMap((id) => {
      const p = panel(id);
      return p ? [runPanel(reader, p, scope(false), w)] : [];
    }),
  );
  let alerts: AlertRecord[] = [];
  let alertsNote: string | undefined;
  try {
    alerts = await readAlerts(reader, brand.key, w);
  } catch {
    alertsNote = 'Alerts could not be read from this store (alerting not set up).';
  }
  const used = [kpiPanel, ...REPORT_CHARTS.map((c) => panel(c.id)), ...REPORT_TABLES.map(panel)].filter(
    (p): p is PanelDefinition => p !== undefined,
  );
  const definitions = [
    ...used.map((p) => ({ title: p.title, text: p.description })),
    { title: 'Share of voice', text: KPI.shareOfVoice },
    { title: 'Complaint share', text: KPI.negativeShare },
  ];
  return {
    brand: { key: brand.key, name: brand.name },
    window: w,
    previous,
    generatedAt: options.now ?? Date.now(),
    ...(kpis ? { kpis } : {}),
    charts,
    tables: tables.map((t) => ({ ...t, table: t.table && { ...t.table, rows: t.table.rows.slice(0, 10) } })),
    alerts,
    ...(alertsNote ? { alertsNote } : {}),
    definitions,
  };
}
