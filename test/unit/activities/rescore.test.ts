/** Rescoring activities over a fake of their port: the stale-mention rewriter. */
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { createRescoreActivities, type RescoreDeps } from '../../../activities/rescore.js';
import type { Mention } from '../../../core/mention.js';

/** An activity context whose expected failures are not logged as warnings. */
const activityEnv = (): MockActivityEnvironment =>
  new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });

const stored = (id: string): Mention => ({
  source: 'rss',
  native_id: id,
  kind: 'article',
  url: `https://example.com/${id}`,
  author: 'someone',
  title: 'Acme',
  text: `acme story ${id}`,
  published_at: 1_700_000_000_000,
  engagement: { likes: 1, shares: 0, replies: 0, score: 1 },
  brand: 'acme',
  source_id: 'alerts',
  fetched_at: 1_700_000_100_000,
  lang: 'en',
  sentiment: 0,
  label: 'neutral',
  confidence: 0.5,
  aspects: [],
  scorer_version: 'v1',
  story_id: `story-${id}`,
});

/** Deps whose store holds `stale` (in key order) and records what is written back. */
function setup(stale: Mention[]): { deps: RescoreDeps; written: (readonly Mention[])[]; texts: string[] } {
  const written: (readonly Mention[])[] = [];
  const texts: string[] = [];
  const deps: RescoreDeps = {
    analyzer: {
      version: 'v2',
      analyze: (text) => {
        texts.push(text);
        return { sentiment: 0.8, label: 'positive', confidence: 0.9, aspects: [], lang: 'en' };
      },
    },
    store: {
      countStaleMentions: async (version) => stale.filter((m) => m.scorer_version !== version).length,
      async rescoreStaleMentions({ after, limit }, rescore, progress) {
        const start = after === undefined ? 0 : stale.findIndex((m) => m.native_id === after) + 1;
        const mentions = stale.slice(start, start + limit);
        written.push(rescore(mentions));
        progress?.(mentions.length);
        return {
          selected: mentions.length,
          examined: mentions.length,
          last: mentions.at(-1)?.native_id,
          done: start + limit >= stale.length,
          written: { inserted: 0, updated: mentions.length, unchanged: 0, invalid: 0 },
        };
      },
    },
  };
  return { deps, written, texts };
}

describe('rescoring activities', () => {
  it('counts the mentions another scorer version scored', async () => {
    const { deps } = setup([stored('a'), stored('b')]);
    expect(await createRescoreActivities(deps).countStaleMentions('v2')).toBe(2);
  });

  it('rescores a full batch with the current scorer, keeping each row, and says where to resume', async () => {
    const { deps, written, texts } = setup([stored('a'), stored('b'), stored('c')]);
    const { rescoreBatch } = createRescoreActivities(deps);
    const result = await activityEnv().run(rescoreBatch, {
      scorerVersion: 'v2',
      batchSize: 2,
    });
    expect(result).toEqual({ rescored: 2, next: 'b' });
    expect(texts).toEqual(['Acme\nacme story a', 'Acme\nacme story b']);
    expect(written[0]).toMatchObject([
      {
        native_id: 'a',
        scorer_version: 'v2',
        label: 'positive',
        story_id: 'story-a',
        fetched_at: 1_700_000_100_000,
      },
      { native_id: 'b', scorer_version: 'v2', label: 'positive', story_id: 'story-b' },
    ]);
  });

  it('reports the end when a batch comes back short', async () => {
    const { deps } = setup([stored('a'), stored('b'), stored('c')]);
    const { rescoreBatch } = createRescoreActivities(deps);
    const result = await activityEnv().run(rescoreBatch, {
      scorerVersion: 'v2',
      after: 'b',
      batchSize: 2,
    });
    expect(result).toEqual({ rescored: 1, next: undefined });
  });

  it('refuses, without retrying, a rescoring for a version this worker does not score with', async () => {
    const { deps, written } = setup([stored('a')]);
    const { rescoreBatch } = createRescoreActivities(deps);
    const failure = await activityEnv()
      .run(rescoreBatch, { scorerVersion: 'v3', batchSize: 10 })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ nonRetryable: true, type: 'ConnectorConfigError' });
    expect((failure as Error).message).toMatch(/scores with version v2, not v3; restart the rescoring/);
    expect(written).toHaveLength(0);
  });
});
