import { describe, expect, it } from 'vitest';
import { durationMs, parseConfigText } from '../../../core/config/index.js';
import { ConfigError } from '../../../core/errors.js';

const BRANDS = `
brands:
  - { key: acme, name: Acme, query: acme }
  - { key: globex, name: Globex, query: globex }
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

describe('reports: digests', () => {
  it('has no digests by default', () => {
    expect(parseConfigText(BRANDS).reports.digests).toEqual([]);
  });

  it('defaults to a weekly digest with a PDF', () => {
    const config = parseConfigText(`${BRANDS}
reports:
  digests:
    - id: weekly
      brands: [acme, globex]
      email: { to: [lead@example.com], smtpUrlEnv: SMTP_URL }
`);
    const [digest] = config.reports.digests;
    expect(digest).toMatchObject({ id: 'weekly', brands: ['acme', 'globex'], every: '7d', pdf: true });
    expect(durationMs(digest!.every)).toBe(7 * 86_400_000);
    expect(digest!.at).toBeUndefined();
  });

  it('accepts a cron time and another period', () => {
    const config = parseConfigText(`${BRANDS}
reports:
  digests:
    - { id: daily, brands: [acme], every: 1d, at: "0 8 * * *", pdf: false,
        email: { to: [a@example.com], smtpUrlEnv: SMTP_URL } }
`);
    expect(config.reports.digests[0]).toMatchObject({ every: '1d', at: '0 8 * * *', pdf: false });
  });

  it('names unknown brands, repeated ids, bad times and a secret written in place of its variable', () => {
    const problems = problemsOf(`${BRANDS}
reports:
  digests:
    - { id: weekly, brands: [acme, initech], email: { to: [a@example.com], smtpUrlEnv: SMTP_URL } }
    - { id: weekly, brands: [acme], at: "mondays", email: { to: [a@example.com], smtpUrlEnv: "smtp://u:p@h" } }
`).join('\n');
    expect(problems).toMatch(
      /reports\.digests\[0\]\.brands\[1\].*unknown brand "initech"; use one of: acme, globex/,
    );
    expect(problems).toMatch(/reports\.digests\[1\]\.at.*five cron fields/);
    expect(problems).toMatch(/reports\.digests\[1\]\.email\.smtpUrlEnv.*NAME of an environment variable/);
  });

  it('refuses a repeated digest id', () => {
    const problems = problemsOf(`${BRANDS}
reports:
  digests:
    - { id: weekly, brands: [acme], email: { to: [a@example.com], smtpUrlEnv: SMTP_URL } }
    - { id: weekly, brands: [globex], email: { to: [a@example.com], smtpUrlEnv: SMTP_URL } }
`).join('\n');
    expect(problems).toMatch(/duplicate digest id "weekly"/);
  });
});
