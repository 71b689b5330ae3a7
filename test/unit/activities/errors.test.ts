import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { toActivityFailure } from '../../../activities/errors.js';
import {
  EarshotError,
  ConnectorAuthError,
  ConnectorConfigError,
  PaginationLoopError,
  RateLimitedError,
  TransientSourceError,
} from '../../../core/errors.js';

const failure = (error: unknown): ApplicationFailure =>
  toActivityFailure(error, 'reddit-main') as ApplicationFailure;

describe('toActivityFailure', () => {
  it('retries a rate limit after the wait the source asked for', () => {
    const f = failure(new RateLimitedError('429 from Reddit', 'reddit-main', 42_000));
    expect(f).toBeInstanceOf(ApplicationFailure);
    expect(f.type).toBe('RateLimitedError');
    expect(f.nonRetryable).toBeFalsy();
    expect(f.nextRetryDelay).toBe(42_000);
    expect(f.message).toMatch(/waiting 42 s/);
  });

  it('makes auth failures fatal and says credentials were rejected for the source', () => {
    const f = failure(new ConnectorAuthError('401 Unauthorized', 'reddit-main'));
    expect(f.nonRetryable).toBe(true);
    expect(f.type).toBe('ConnectorAuthError');
    expect(f.message).toBe('credentials rejected for reddit-main: 401 Unauthorized');
  });

  it('makes config and pagination-loop errors fatal, transient errors retryable', () => {
    expect(failure(new ConnectorConfigError('bad options', 'x')).nonRetryable).toBe(true);
    expect(failure(new PaginationLoopError('cursor repeated', 'x')).nonRetryable).toBe(true);
    const transient = failure(new TransientSourceError('HTML page instead of JSON', 'x'));
    expect(transient.nonRetryable).toBe(false);
    expect(transient.type).toBe('TransientSourceError');
  });

  it("retries any library's error that carries retryAfterMs after that wait (e.g. a notifier's 429)", () => {
    class SlackRateLimitedError extends EarshotError {
      override name = 'SlackRateLimitedError' as const;
      constructor(readonly retryAfterMs: number) {
        super('Slack rate limit reached for slack-support');
      }
    }
    const f = failure(new SlackRateLimitedError(30_000));
    expect(f.type).toBe('SlackRateLimitedError');
    expect(f.nonRetryable).toBeFalsy();
    expect(f.nextRetryDelay).toBe(30_000);
  });

  it('passes unknown errors through (retried by the workflow policy)', () => {
    const error = new TypeError('boom');
    expect(toActivityFailure(error, 'x')).toBe(error);
  });
});
