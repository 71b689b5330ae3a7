/**
 * The shared HTTP layer with a library's own error classes (here a stand-in notifier family), as the
 * notifiers and the Grafana publisher will use it: the classifier decides the kind, the caller the class.
 */
import { describe, expect, it } from 'vitest';
import { EarshotError } from '../../../core/errors.js';
import { httpRequest, type HttpErrorFactory } from '../../../platform/http/index.js';
import { htmlErrorPage, ReplayServer, tooManyRequests } from '../../support/replay-server.js';

class NotifierError extends EarshotError {
  constructor(
    readonly kind: keyof HttpErrorFactory,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

const notifierErrors: HttpErrorFactory = {
  auth: (message) => new NotifierError('auth', message),
  rateLimited: (message, retryAfterMs) => new NotifierError('rateLimited', message, retryAfterMs),
  rejected: (message) => new NotifierError('rejected', message),
  transient: (message) => new NotifierError('transient', message),
};

const server = ReplayServer.forTests();

const post = (path: string) =>
  httpRequest({
    subject: 'slack-support',
    service: 'Slack',
    url: `${server.baseUrl}${path}?token=secret`,
    method: 'POST',
    data: '{"text":"hi"}',
    headers: { 'content-type': 'application/json' },
    expect: 'text',
    authHint: 'the SLACK_WEBHOOK_URL env var',
    errors: notifierErrors,
  });

/** The error `post(path)` fails with (the test fails if it resolves). */
const failure = (path: string): Promise<NotifierError> =>
  post(path).then(
    (res) => {
      throw new Error(`expected a failure, got HTTP ${res.status}`);
    },
    (e: unknown) => e as NotifierError,
  );

describe('platform httpRequest with a caller-supplied error family', () => {
  it('returns the body of a 2xx and sends the body it was given', async () => {
    server.route({ method: 'POST', path: '/hook' }, { status: 200, headers: {}, body: 'ok' });
    const res = await post('/hook');
    expect(res).toMatchObject({ status: 200, text: 'ok' });
    expect(server.requests[0]?.body).toBe('{"text":"hi"}');
  });

  it.each([
    [
      401,
      'auth',
      'credentials rejected for slack-support: Slack answered HTTP 401 "nope"; set/fix the SLACK_WEBHOOK_URL env var',
    ],
    [404, 'rejected', 'Slack rejected the request of slack-support (HTTP 404 "nope") for '],
    [503, 'transient', 'Slack failed for slack-support (HTTP 503 "nope"); it will be retried'],
  ] as const)(
    'maps %i to %s with a message naming the subject and the fix',
    async (status, kind, message) => {
      server.route({ method: 'POST', path: '/hook' }, { status, headers: {}, body: 'nope' });
      const error = await failure('/hook');
      expect(error).toBeInstanceOf(NotifierError);
      expect(error.kind).toBe(kind);
      expect(error.message).toContain(message);
    },
  );

  it('says which options to check by default, and never shows the query string (it may hold a token)', async () => {
    server.route({ method: 'POST', path: '/hook' }, { status: 404, headers: {}, body: 'no_service' });
    const error = await failure('/hook');
    expect(error.message).toContain('check the configured URL and options (URL, ids, query)');
    expect(error.message).not.toContain('secret');
  });

  it('maps 429 to rateLimited with the wait the server asked for', async () => {
    server.route({ method: 'POST', path: '/hook' }, tooManyRequests(30));
    const error = await failure('/hook');
    expect(error.kind).toBe('rateLimited');
    expect(error.retryAfterMs).toBe(30_000);
  });

  it('maps an HTML page where JSON was expected to transient', async () => {
    server.get('/api', htmlErrorPage());
    const error = (await httpRequest({
      subject: 'grafana',
      url: `${server.baseUrl}/api`,
      expect: 'json',
      errors: notifierErrors,
    }).catch((e: unknown) => e)) as NotifierError;
    expect(error.kind).toBe('transient');
    expect(error.message).toMatch(/^grafana returned an HTML page instead of JSON/);
  });
});
