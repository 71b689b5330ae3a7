/**
 * The network half of the conformance suite, run once for the scheduled instance of a connector and once
 * for its backfill instance: pagination that cannot loop, rate limits, rejected credentials, malformed
 * records and pages, and `check()`. Registered by `runConformanceSuite` (conformance.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Connector } from '../../../core/connector.js';
import {
  ConnectorAuthError,
  PaginationLoopError,
  RateLimitedError,
  TransientSourceError,
} from '../../../core/errors.js';
import {
  htmlErrorPage,
  tooManyRequests,
  truncated,
  type ReplayResponse,
  type ReplayServer,
} from '../../support/replay-server.js';
import type { NetworkConformance, Scenario } from './conformance.js';
import { assertValidPage } from './mention-checks.js';
import { rejection } from './support.js';

/** One kind of instance under test and how to build it. */
export interface InstanceUnderTest {
  /** `poll` or `backfill`, prefixed to every test name. */
  label: string;
  /** The source id the instance names in its errors. */
  sourceId: string;
  /** An instance on a reset replay server with the base routes and then `routes` installed. */
  prepare(routes?: (server: ReplayServer) => void): Connector<unknown>;
  /** An instance pointed at a port nobody listens on. */
  closedServer(): Connector<unknown>;
  paginationLoop?: Scenario<unknown> | { notApplicable: string };
  quotesMarkup?: string[];
}

/** Registers the network conformance tests of `under` (inside the connector's `describe`). */
export function runNetworkConformance<Cursor>(
  network: NetworkConformance<Cursor>,
  under: InstanceUnderTest,
): void {
  const { label } = under;
  const serve =
    (...responses: ReplayResponse[]) =>
    (s: ReplayServer) =>
      s.route({ path: network.pagePath }, ...responses);

  describe(label, () => {
    const loop = under.paginationLoop;
    if (loop && 'notApplicable' in loop) {
      it(`cannot loop on pagination (${loop.notApplicable}): one page is always caught up`, async () => {
        const page = await under.prepare(serve(network.samplePage)).fetchPage(null);
        expect(page.mentions.length).toBeGreaterThan(0);
        expect(page.caughtUp).toBe(true);
      });
    } else if (loop) {
      it(`refuses a repeated pagination token: ${loop.title}`, async () => {
        const connector = under.prepare(loop.setup);
        let cursor: unknown = loop.cursor ?? null;
        const run = async () => {
          for (let i = 0; i < 25; i++) {
            const page = await connector.fetchPage(cursor);
            if (page.caughtUp) return page;
            cursor = JSON.parse(JSON.stringify(page.cursor)) as unknown;
          }
          throw new Error('still paginating after 25 pages');
        };
        await expect(run()).rejects.toBeInstanceOf(PaginationLoopError);
      });
    }

    // Every source honours Retry-After (the shared HTTP layer reads it first); `rateLimits` adds its own.
    const rateLimits = [
      { title: '429 with Retry-After: 7', response: tooManyRequests(7), expectedWaitMs: 7000 },
      ...(network.rateLimits ?? []),
    ];
    for (const rl of rateLimits) {
      it(`raises RateLimitedError with the right wait, then recovers: ${rl.title}`, async () => {
        const connector = under.prepare(serve(rl.response, network.samplePage));
        const error = await rejection(connector.fetchPage(null));
        expect(error).toBeInstanceOf(RateLimitedError);
        expect((error as RateLimitedError).retryAfterMs).toBe(rl.expectedWaitMs);
        const page = await connector.fetchPage(null);
        expect(page.mentions.length).toBeGreaterThan(0);
      });
    }

    const authFailures = network.authFailures ?? [
      { status: 401, headers: { 'content-type': 'application/json' }, body: '{"error":"unauthorized"}' },
    ];
    for (const failure of authFailures) {
      it(`raises ConnectorAuthError and check() reports it: ${failure.fixture ?? failure.status}`, async () => {
        const connector = under.prepare(serve(failure));
        const error = await rejection(connector.fetchPage(null));
        expect(error).toBeInstanceOf(ConnectorAuthError);
        expect(error.message).toContain(under.sourceId);
        expect((await connector.check()).ok).toBe(false);
      });
    }

    it('skips and counts malformed records, keeping the rest', async () => {
      const { response, skipped } = network.malformedRecords;
      const page = await under.prepare(serve(response)).fetchPage(null);
      expect(page.skippedInvalid).toBe(skipped);
      assertValidPage(page.mentions, 'malformed-records page', under.quotesMarkup);
    });

    const badPages = [htmlErrorPage(), truncated(network.samplePage), ...(network.malformedPages ?? [])];
    badPages.forEach((bad, i) => {
      it(`raises TransientSourceError on a malformed page (#${i}: ${bad.body.slice(0, 30)}…)`, async () => {
        const error = await rejection(under.prepare(serve(bad)).fetchPage(null));
        expect(error).toBeInstanceOf(TransientSourceError);
      });
    });

    it('check() is ok on a good response and never throws', async () => {
      const connector = under.prepare(serve(network.samplePage));
      await expect(connector.check()).resolves.toEqual(expect.objectContaining({ ok: true }));
    });

    it('check() reports connection refused; fetchPage raises TransientSourceError', async () => {
      const connector = under.closedServer();
      expect((await connector.check()).ok).toBe(false);
      await expect(connector.fetchPage(null)).rejects.toBeInstanceOf(TransientSourceError);
    });
  });
}
