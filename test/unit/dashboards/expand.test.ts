/** expandPanelSql reproduces the plugin's macros and Grafana's variable interpolation exactly. */
import { describe, expect, it } from 'vitest';
import {
  PANELS,
  BACKEND_MACROS,
  PanelSqlError,
  expandPanelSql,
  grafanaIntervalSeconds,
  secondsToHms,
  type ExpandContext,
} from '../../../dashboards/panels/index.js';

// 2026-03-02 10:00:00.250 UTC … 2026-03-03 10:00:59.999 UTC
const from = new Date(Date.UTC(2026, 2, 2, 10, 0, 0, 250));
const to = new Date(Date.UTC(2026, 2, 3, 10, 0, 59, 999));
const base: ExpandContext = { from, to, intervalSeconds: 3600, variables: {} };
const fromS = Math.floor(from.getTime() / 1000);
const toS = Math.floor(to.getTime() / 1000);

describe('backend macros (pkg/macros/macros.go)', () => {
  it.each([
    ['$__timeFilter(ts)', `ts >= toDateTime(${fromS}) AND ts <= toDateTime(${toS})`],
    [
      '$__timeFilter_ms(ts)',
      `ts >= fromUnixTimestamp64Milli(${from.getTime()}) AND ts <= fromUnixTimestamp64Milli(${to.getTime()})`,
    ],
    ['$__dateFilter(d)', "d >= toDate('2026-03-02') AND d <= toDate('2026-03-03')"],
    [
      '$__dt(d, t)',
      `(d >= toDate('2026-03-02') AND d <= toDate('2026-03-03')) AND (t >= toDateTime(${fromS}) AND t <= toDateTime(${toS}))`,
    ],
    ['$__fromTime', `toDateTime(${fromS})`],
    ['$__toTime', `toDateTime(${toS})`],
    ['$__fromTime_ms', `fromUnixTimestamp64Milli(${from.getTime()})`],
    ['$__timeInterval(hour)', 'toStartOfInterval(toDateTime(hour), INTERVAL 3600 second)'],
    ['$__timeInterval_ms(ts)', 'toStartOfInterval(toDateTime64(ts, 3), INTERVAL 3600000 millisecond)'],
    ['$__interval_s', '3600'],
    ['$__timeFrom(ts)', '$__timeFrom(ts)'], // sqlds default, not the plugin's: left as written here
    ['$__unknown(x)', '$__unknown(x)'],
  ])('%s', (sql, expanded) => {
    expect(expandPanelSql(sql, base)).toBe(expanded);
  });

  it('the interval is at least 1 s and whole seconds', () => {
    expect(expandPanelSql('$__interval_s', { ...base, intervalSeconds: 0.02 })).toBe('1');
    expect(expandPanelSql('$__interval_s', { ...base, intervalSeconds: 90.9 })).toBe('90');
  });

  it('refuses expressions as macro arguments and a missing argument', () => {
    expect(() => expandPanelSql('$__timeFilter(toDateTime(ts))', base)).toThrow(PanelSqlError);
    expect(() => expandPanelSql('$__timeFilter', base)).toThrow(/expects 1 argument/);
  });
});

describe('Grafana variables with the plugin format', () => {
  const vars = (variables: ExpandContext['variables'], options?: ExpandContext['options']) => ({
    ...base,
    variables,
    options,
  });

  it('plugin default: multi values joined as quoted list without escaping', () => {
    expect(expandPanelSql('brand IN ($brand)', vars({ brand: ['a', 'b'] }))).toBe("brand IN ('a','b')");
    expect(expandPanelSql('x = [[brand]]', vars({ brand: ['a'] }))).toBe("x = 'a'");
  });

  it('singlequote escapes quotes with a backslash, sqlstring doubles them, csv joins', () => {
    expect(expandPanelSql('${b:singlequote}', vars({ b: ["o'neil", 'x'] }))).toBe("'o\\'neil','x'");
    expect(expandPanelSql('${b:sqlstring}', vars({ b: ["o'neil"] }))).toBe("'o''neil'");
    expect(expandPanelSql('${b:csv}', vars({ b: ['a', 'b'] }))).toBe('a,b');
  });

  it('All outside $__conditionalAll stands for every option', () => {
    expect(expandPanelSql('${b:singlequote}', vars({ b: 'All' }, { b: ['a', 'b'] }))).toBe("'a','b'");
    expect(() => expandPanelSql('${b:singlequote}', vars({ b: 'All' }))).toThrow(/ctx.options.b/);
  });

  it('$__conditionalAll drops the condition for All or nothing selected, keeps it otherwise', () => {
    const sql =
      'WHERE $__conditionalAll(brand IN (${brand:singlequote}), $brand) AND $__conditionalAll(s IN (${source:singlequote}), ${source})';
    expect(expandPanelSql(sql, vars({ brand: 'All', source: [] }))).toBe('WHERE 1=1 AND 1=1');
    expect(expandPanelSql(sql, vars({ brand: ['acme'], source: ['reddit', 'hn'] }))).toBe(
      "WHERE brand IN ('acme') AND s IN ('reddit','hn')",
    );
  });

  it('leaves unknown names and macros for the backend stage; built-ins __from, __to, __interval', () => {
    expect(expandPanelSql('$nothing $__from $__to $__interval $__interval_ms', base)).toBe(
      `$nothing ${from.getTime()} ${to.getTime()} 1h 3600000`,
    );
  });
});

describe('interval as Grafana picks it', () => {
  it('rounds range / data points to a nice step, not below the min interval', () => {
    const day = new Date(Date.UTC(2026, 0, 2));
    const start = new Date(Date.UTC(2026, 0, 1));
    expect(grafanaIntervalSeconds(start, day, { maxDataPoints: 1000 })).toBe(60); // 86.4 s → 1 m
    expect(grafanaIntervalSeconds(start, day, { maxDataPoints: 1000, minIntervalSeconds: 3600 })).toBe(3600);
    const year = new Date(Date.UTC(2027, 0, 1));
    expect(grafanaIntervalSeconds(start, year, { maxDataPoints: 1000 })).toBe(21600); // 8.76 h → 6 h (below 9 h)
    expect(secondsToHms(43200)).toBe('12h');
    expect(secondsToHms(90)).toBe('1m');
  });
});

describe('panel SQL uses only what is expanded the same everywhere', () => {
  it.each(PANELS.map((p) => [p.id, p]))('%s', (_id, panel) => {
    const macros = [...panel.sql.matchAll(/\$__(\w+)/g)].map((m) => m[1] as string);
    for (const name of macros) expect([...BACKEND_MACROS, 'conditionalAll']).toContain(name);
    expect(panel.sql).not.toMatch(/;\s*$/);
  });
});
