/** The backfill activity over fakes: its own cursor beside the schedule's, and sources that cannot backfill. */
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../matching/index.js';
import {
  backfillCursorKey,
  createBackfillActivities,
  type BackfillDeps,
} from '../../../activities/backfill.js';
import type { ResolvedSource } from '../../../activities/ports.js';
import type { Connector, PageResult } from '../../../core/connector.js';
import type { FetchedMention } from '../../../core/mention.js';

/** An activity context whose expected failures are not logged as warnings. */
const activityEnv = (): MockActivityEnvironment =>
  new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });

const HOUR = 3_600_000;
const FROM = Date.UTC(2026, 0, 1);
const TO = FROM + 4 * HOUR;

/** One record an hour over `[from, to)`, served two a page. */
function rangeConnector(range: { from: number; to: number }): Connector<number> {
  const records: FetchedMention[] = [];
  for (let t = range.from; t < range.to; t += HOUR) {
    records.push({
      source: 'demo',
      native_id: String(t),
      kind: 'post',
      url: `https://example.com/${t}`,
      author: 'someone',
      text: `acme at ${t}`,
      published_at: t,
      engagement: { likes: 0, shares: 0, replies: 0, score: 0 },
    });
  }
  return {
    check: async () => ({ ok: true }),
    async fetchPage(cursor): Promise<PageResult<number>> {
      const start = cursor ?? 0;
      const next = Math.min(records.length, start + 2);
      return {
        mentions: records.slice(start, next),
        cursor: next,
        caughtUp: next >= records.length,
        skippedInvalid: 0,
      };
    },
  };
}

function setup(backfill?: ResolvedSource['backfill']): { deps: BackfillDeps; cursors: Map<string, unknown> } {
  const cursors = new Map<string, unknown>([['demo-1', 'the schedule cursor']]);
  const source: ResolvedSource = {
    config: { id: 'demo-1', type: 'demo' },
    connector: rangeConnector({ from: TO, to: TO + HOUR }),
    backfill,
    brands: [{ key: 'acme', matches: compileMatcher('acme') }],
  };
  const deps: BackfillDeps = {
    sources: new Map([['demo-1', source]]),
    analyzer: {
      version: 'test',
      analyze: () => ({ sentiment: 0, label: 'neutral', confidence: 1, aspects: [], lang: 'en' }),
    },
    stories: { assign: (text) => text },
    now: () => TO + 2 * HOUR,
    store: {
      loadCursor: async (key) => cursors.get(key) ?? null,
      saveCursor: async (key, cursor) => void cursors.set(key, cursor),
      upsertMentions: async (mentions) => ({
        inserted: mentions.length,
        updated: 0,
        unchanged: 0,
        invalid: 0,
      }),
    },
  };
  return { deps, cursors };
}

const input = { sourceId: 'demo-1', workflowId: 'backfill:demo-1', from: FROM, to: TO };

describe('backfillPage', () => {
  it("walks the range under the backfill's own cursor and leaves the schedule's alone", async () => {
    const { deps, cursors } = setup(rangeConnector);
    const { backfillPage } = createBackfillActivities(deps);
    const result = await activityEnv().run(backfillPage, input);
    expect(result).toMatchObject({
      pages: 2,
      fetched: 4,
      new: 4,
      caughtUp: true,
      oldest: FROM,
      newest: TO - HOUR,
    });
    expect(cursors.get(backfillCursorKey(input))).toBe(4);
    expect(cursors.get('demo-1')).toBe('the schedule cursor');
    expect(backfillCursorKey(input)).toBe(
      'demo-1#backfill:2026-01-01T00:00:00.000Z..2026-01-01T04:00:00.000Z',
    );
  });

  it('fails without retrying, naming the source type, when the source cannot backfill', async () => {
    const { deps, cursors } = setup(undefined);
    const { backfillPage } = createBackfillActivities(deps);
    const failure = await activityEnv()
      .run(backfillPage, input)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ nonRetryable: true, type: 'ConnectorConfigError' });
    expect((failure as Error).message).toMatch(/Source type "demo" cannot backfill/);
    expect(cursors.size).toBe(1);
  });
});
