/**
 * Which panels of dashboards/panels each page shows. Panels are picked by id, and every panel whose id starts
 * with a page's prefix joins that page, so a panel added to dashboards/panels appears here without web code.
 */
import { PANELS, type PanelDefinition } from '../../dashboards/panels/index.js';

/** A page's panels: the KPI tiles, charts (some beside the competitors) and tables. */
export interface PagePanels {
  kpis?: PanelDefinition;
  charts: Array<{ panel: PanelDefinition; competitors: boolean }>;
  tables: PanelDefinition[];
}

/** Panels drawn beside the competitors (benchmarks); every other chart shows the picked brand alone. */
const WITH_COMPETITORS = new Set([
  'overview.volume',
  'overview.net-sentiment',
  'overview.unique-authors',
  'overview.engagement',
]);

/** Page key → preferred panel ids in order, then id prefixes whose other panels follow. */
const PAGES: Record<string, { ids: string[]; prefixes: string[] }> = {
  '': {
    ids: [
      'overview.totals',
      'overview.volume',
      'benchmark.share-of-voice',
      'overview.net-sentiment',
      'overview.sentiment-mix',
      'overview.top-aspects',
      'overview.top-negative',
      'overview.top-positive',
    ],
    prefixes: ['benchmark.'],
  },
  service: { ids: [], prefixes: ['service.', 'care.'] },
  reviews: { ids: [], prefixes: ['reviews.'] },
  sources: { ids: [], prefixes: ['pipeline.', 'sources.'] },
  alerts: { ids: ['alerts.timeline'], prefixes: [] },
};

/** The panels of `page` that exist in dashboards/panels. */
export function pagePanels(page: string, panels: readonly PanelDefinition[] = PANELS): PagePanels {
  const spec = PAGES[page] ?? { ids: [], prefixes: [] };
  const picked = [
    ...spec.ids.flatMap((id) => panels.filter((p) => p.id === id)),
    ...panels.filter((p) => spec.prefixes.some((x) => p.id.startsWith(x)) && !spec.ids.includes(p.id)),
  ];
  const kpis = picked.find((p) => p.visual === 'stat');
  return {
    kpis,
    charts: picked
      .filter((p) => p.visual !== 'table' && p !== kpis)
      .map((panel) => ({
        panel,
        competitors: WITH_COMPETITORS.has(panel.id) || panel.id.startsWith('benchmark.'),
      })),
    tables: picked.filter((p) => p.visual === 'table'),
  };
}

/** Whether a panel id may be drawn through the data endpoint (it exists). */
export function findPanel(
  id: string,
  panels: readonly PanelDefinition[] = PANELS,
): PanelDefinition | undefined {
  return panels.find((p) => p.id === id);
}
