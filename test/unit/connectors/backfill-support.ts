/** Helpers shared by the backfill tests: build a backfill instance, page it to the end, check the walk. */
import { expect } from 'vitest';
import type { Connector, ConnectorDefinition, PageResult, TimeRange } from '../../../core/connector.js';
import { type Logger, silentLogger } from '../../../core/logger.js';

/** Builds a definition's backfill instance (its cursor type is the backfill's own). */
export function backfill<O>(
  definition: ConnectorDefinition<O, unknown>,
  options: Record<string, unknown>,
  range: TimeRange,
  extra: {
    credentials?: Record<string, string>;
    brands?: Array<{ key: string; name: string; query: string }>;
    logger?: Logger;
  } = {},
): Connector<unknown> {
  return definition.createBackfill!(
    {
      sourceId: 'bf-1',
      options: definition.optionsSchema.parse(options),
      credentials: extra.credentials ?? {},
      brands: extra.brands ?? [{ key: 'acme', name: 'Acme', query: 'acme' }],
      logger: extra.logger ?? silentLogger,
      now: () => Date.parse('2030-01-01T00:00:00Z'),
    },
    range,
  );
}

/** Pages until caught up (the cursor goes through JSON, as the store keeps it). */
export async function drain(
  connector: Connector<unknown>,
  maxPages = 50,
): Promise<Array<PageResult<unknown>>> {
  const pages: Array<PageResult<unknown>> = [];
  let cursor: unknown = null;
  for (let i = 0; i < maxPages; i++) {
    const page = await connector.fetchPage(cursor);
    pages.push(page);
    cursor = JSON.parse(JSON.stringify(page.cursor)) as unknown;
    if (page.caughtUp) return pages;
  }
  throw new Error(`not caught up after ${maxPages} pages`);
}

/** Every mention in range; pages ordered by time in `direction`; caught up on the last page only. */
export function expectBackfillWalk(
  pages: Array<PageResult<unknown>>,
  range: TimeRange,
  direction: 'back' | 'forward' = 'back',
): void {
  const times = pages.map((p) => p.mentions.map((m) => m.published_at));
  for (const t of times.flat()) {
    expect(t).toBeGreaterThanOrEqual(range.from);
    expect(t).toBeLessThan(range.to);
  }
  const nonEmpty = times.filter((t) => t.length > 0);
  for (let i = 1; i < nonEmpty.length; i++) {
    if (direction === 'back')
      expect(Math.max(...nonEmpty[i]!)).toBeLessThanOrEqual(Math.min(...nonEmpty[i - 1]!));
    else expect(Math.min(...nonEmpty[i]!)).toBeGreaterThanOrEqual(Math.max(...nonEmpty[i - 1]!));
  }
  expect(pages.map((p) => p.caughtUp)).toEqual([...pages.slice(1).map(() => false), true]);
}
