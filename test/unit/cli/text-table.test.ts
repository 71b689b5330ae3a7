import { describe, expect, it } from 'vitest';
import { formatTable } from '../../../cli/commands/sql.js';
import { columnWidths, displayWidth, padEndColumns, padStartColumns } from '../../../cli/text-table.js';

const FAMILY = '👨\u200d👩\u200d👧\u200d👦'; // one glyph, seven code points, eleven UTF-16 units
const COMBINING = 'cafe\u0301'; // "café" with a combining acute accent: four columns, five units

describe('displayWidth', () => {
  it.each([
    ['plain', 5],
    ['東京', 4],
    ['ｆｕｌｌ', 8],
    ['한국어', 6],
    [COMBINING, 4],
    ['zero\u200bwidth', 9],
    ['😡🔥', 4],
    ['🇫🇷', 2],
    [FAMILY, 2],
    ['👩🏽\u200d💻', 2],
  ])('%j takes %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('padding to terminal columns', () => {
  it('pads by columns, not by UTF-16 units, and never cuts a wider text', () => {
    expect(padEndColumns('東京', 6)).toBe('東京  ');
    expect(padStartColumns(COMBINING, 6)).toBe(`  ${COMBINING}`);
    expect(padEndColumns(FAMILY, 3)).toBe(`${FAMILY} `);
    expect(padEndColumns('too wide', 3)).toBe('too wide');
  });

  it('measures the widest cell of each column, also for more rows than a call takes arguments', () => {
    expect(
      columnWidths([
        ['a', 'bb'],
        ['東京', FAMILY],
      ]),
    ).toEqual([4, 2]);
    const many = Array.from({ length: 300_000 }, (_, i) => [i === 123_456 ? 'widest' : 'x']);
    expect(columnWidths(many)).toEqual([6]);
  });
});

describe('formatTable (earshot sql)', () => {
  it('aligns CJK, emoji, emoji sequences and combining marks; numbers to the right', () => {
    const table = formatTable({
      columns: [
        { name: 'name', type: 'String' },
        { name: 'n', type: 'UInt64' },
      ],
      rows: [
        ['東京', '1'],
        [COMBINING, '22'],
        ['😡', '333'],
        [`${FAMILY} dev`, '4'],
        ['plain', '5'],
      ],
    });
    expect(table.split('\n')).toEqual([
      'name   │   n',
      '───────┼────',
      '東京   │   1',
      `${COMBINING}   │  22`,
      '😡     │ 333',
      `${FAMILY} dev │   4`,
      'plain  │   5',
      '(5 rows)',
      '',
    ]);
  });

  it('counts an escaped control character by its escape', () => {
    const table = formatTable({
      columns: [{ name: 'text', type: 'String' }],
      rows: [['a\tb'], ['東\n']],
    });
    expect(table.split('\n').slice(2, 4)).toEqual(['a\\tb', '東\\n']);
    expect(table.split('\n')[1]).toBe('────');
  });
});
