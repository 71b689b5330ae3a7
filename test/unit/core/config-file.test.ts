import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../core/config/index.js';
import { durationMs } from '../../../core/config/index.js';
import { ConfigError } from '../../../core/errors.js';

const VALID = `
brands:
  - key: acme
    name: Acme
    query: acme
    competitors: [globex]
  - key: globex
    name: Globex
    keywords: { include: [globex] }
sources:
  - id: feed
    type: rss
    brands: [acme, globex]
    options: { url: 'https://example.com/feed' }
    credentials: { token: FEED_TOKEN }
`;

function problemsOf(text: string): string[] {
  try {
    parseConfigText(text, 'earshot.config.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfigText', () => {
  it('applies defaults to a valid config', () => {
    const config = parseConfigText(VALID);
    expect(config.sources[0]).toMatchObject({ interval: '15m', enabled: true });
    // Unset: the connector's default applies (worker/sources.ts requestsPerSecond).
    expect(config.sources[0]!.maxRequestsPerSecond).toBeUndefined();
    expect(config.brands[1]!.keywords).toEqual({ include: ['globex'], exclude: [], phrases: [] });
    expect(config.alerts.enabled).toBe(false);
  });

  it('names file, line, path, the bad value and the fix for each problem', () => {
    const problems = problemsOf(
      VALID.replace('type: rss', 'type: rss\n    interval: 5 minutes').replace('FEED_TOKEN', 'my-secret'),
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^earshot\.config\.yaml:\d+:\d+ sources\[0\]\.interval: expected a duration such as "30s", "15m", "1h" or "1d" \(got "5 minutes"\)/,
    );
    expect(problems[1]).toMatch(
      /sources\[0\]\.credentials\.token: give the NAME of an environment variable.*\(got "my-secret"\)/,
    );
  });

  it('points at the line of the bad value', () => {
    const [problem] = problemsOf(VALID.replace('key: acme', 'key: Acme Inc'));
    expect(problem).toMatch(/^earshot\.config\.yaml:3:10 brands\[0\]\.key:/);
  });

  it('rejects references to unknown brands and duplicate ids', () => {
    const problems = problemsOf(
      VALID.replace('competitors: [globex]', 'competitors: [initech]').replace(
        'brands: [acme, globex]',
        'brands: [acme, nope]',
      ),
    );
    expect(problems.join('\n')).toMatch(/brands\[0\]\.competitors\[0\]: unknown brand "initech"/);
    expect(problems.join('\n')).toMatch(
      /sources\[0\]\.brands\[1\]: unknown brand "nope"; use one of: acme, globex/,
    );
  });

  it('catches misspelt keys instead of ignoring them', () => {
    const [problem] = problemsOf(VALID.replace('type: rss', 'type: rss\n    intervall: 1h'));
    expect(problem).toMatch(/sources\[0\]: .*"intervall"/);
  });

  it('requires a query or keywords for every brand', () => {
    const [problem] = problemsOf('brands:\n  - key: a\n    name: A\n');
    expect(problem).toMatch(/brands\[0\]: a brand needs a "query" or at least one of/);
  });

  it('reports YAML syntax errors with their position', () => {
    const [problem] = problemsOf('brands: [\n  - key: a\n');
    expect(problem).toMatch(/^earshot\.config\.yaml:\d+:\d+ .* — fix the YAML syntax/);
  });

  it('reports an empty file as missing brands', () => {
    expect(problemsOf('')[0]).toMatch(/(top level|brands)/);
  });
});

describe('durationMs', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['2d', 172_800_000],
    ['250ms', 250],
  ])('%s → %d ms', (text, ms) => expect(durationMs(text)).toBe(ms));
});
