/** Any panel result becomes series with drill-down filters, by the panel's visual and columns alone. */
import { describe, expect, it } from 'vitest';
import { panelById } from '../../../dashboards/panels/index.js';
import { chartModel, pointCount } from '../../../web/chart-model.js';
import { echartsOption } from '../../../web/echarts-option.js';
import { drillHref } from '../../../web/links.js';

const HOUR = 3_600_000;
const ctx = {
  brand: 'acme-air',
  from: 0,
  to: 4 * HOUR,
  intervalSeconds: 3600,
  brandNames: { 'acme-air': 'Acme Air', globex: 'Globex' },
};

describe('chartModel', () => {
  it('splits a long time series by its label column, names brands, drills into brand and bucket', () => {
    const panel = panelById('overview.volume');
    const model = chartModel(
      panel,
      {
        columns: [
          { name: 'time', type: "DateTime('UTC')" },
          { name: 'brand', type: 'String' },
          { name: 'mentions', type: 'UInt64' },
        ],
        rows: [
          [0, 'acme-air', 3],
          [0, 'globex', 5],
          [HOUR, 'acme-air', '7'],
        ],
      },
      ctx,
    );
    expect(model.series.map((s) => s.name)).toEqual(['Acme Air', 'Globex']);
    expect(model.series[0]!.points).toEqual([
      { x: 0, y: 3, drill: { brand: 'acme-air', from: 0, to: HOUR } },
      { x: HOUR, y: 7, drill: { brand: 'acme-air', from: HOUR, to: 2 * HOUR } },
    ]);
    expect(model.series[1]!.points[0]!.drill).toEqual({ brand: 'globex', from: 0, to: HOUR });
    expect(pointCount(model)).toBe(3);
    const option = echartsOption(model, { href: drillHref }) as {
      series: Array<{ data: Array<{ href: string }> }>;
    };
    expect(option.series[1]!.data[0]!.href).toBe(
      '/ui/mentions?brand=globex&from=1970-01-01T00%3A00%3A00.000Z&to=1970-01-01T01%3A00%3A00.000Z',
    );
  });

  it('drills a sentiment-mix column into its label and an aspect bar into its aspect', () => {
    const mix = chartModel(
      panelById('overview.sentiment-mix'),
      {
        columns: ['time', 'positive', 'neutral', 'negative', 'unscored'].map((name) => ({
          name,
          type: 'UInt64',
        })),
        rows: [[0, 1, 2, 3, 0]],
      },
      ctx,
    );
    expect(mix.series.find((s) => s.name === 'negative')!.points[0]!.drill).toMatchObject({
      label: 'negative',
    });
    const aspects = chartModel(
      panelById('overview.top-aspects'),
      {
        columns: ['aspect', 'occurrences', 'negative', 'positive'].map((name) => ({ name, type: 'UInt64' })),
        rows: [['refunds', 10, 6, 1]],
      },
      ctx,
    );
    expect(aspects.series[0]!.points[0]).toMatchObject({
      x: 'refunds',
      y: 10,
      drill: { aspect: 'refunds', brand: 'acme-air' },
    });
  });

  it('keeps table cells as text, brand keys shown as names', () => {
    const model = chartModel(
      panelById('overview.top-negative'),
      {
        columns: ['time', 'brand', 'source', 'author', 'sentiment', 'engagement', 'excerpt', 'url'].map(
          (name) => ({ name, type: 'String' }),
        ),
        rows: [[0, 'acme-air', 'rss', '<b>x</b>', -0.5, 3, '<script>', 'javascript:alert(1)']],
      },
      ctx,
    );
    expect(model.table!.rows[0]).toEqual([
      '0',
      'Acme Air',
      'rss',
      '<b>x</b>',
      '-0.5',
      '3',
      '<script>',
      'javascript:alert(1)',
    ]);
  });
});
