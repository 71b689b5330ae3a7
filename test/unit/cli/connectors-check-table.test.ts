import { describe, expect, it } from 'vitest';
import { formatCheckTable } from '../../../cli/connectors-tools.js';

describe('formatCheckTable', () => {
  it('escapes what a remote service answered, so an error cannot rewrite the terminal', () => {
    const table = formatCheckTable([
      { source: 'alerts', type: 'rss', health: { ok: true, detail: 'feed "Acme"' } },
      {
        source: 'reddit-main',
        type: 'reddit',
        health: {
          ok: false,
          error: 'Reddit answered HTTP 401 "\u001b[2J\u001b[31mgotcha\u0007"\nsecond line',
        },
      },
    ]);
    expect(table.split('\n')).toEqual([
      'SOURCE       TYPE    STATUS  DETAIL',
      'alerts       rss     ok      feed "Acme"',
      'reddit-main  reddit  FAILED  Reddit answered HTTP 401 "\\x1b[2J\\x1b[31mgotcha\\x07" second line',
    ]);
  });
});
