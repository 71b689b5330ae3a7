import { describe, expect, it } from 'vitest';
import { htmlToText, joinTitleAndBody, toEpochMs } from '../../../connectors/shared/text.js';

describe('htmlToText', () => {
  it.each([
    ['block tags become line breaks', '<p>one</p><p>two<br>three</p>', 'one\n\ntwo\nthree'],
    ["HN's unclosed <p> separators", 'first<p>second<p>third', 'first\nsecond\nthird'],
    ['list items', '<ul><li>a</li><li>b</li></ul>', 'a\n\nb'],
    [
      'inline tags vanish without a space',
      'Slack <b>is</b> <i>down</i>, a<span>b</span>',
      'Slack is down, ab',
    ],
    ['script and style contents dropped', 'a<script>alert("x")</script>b<style>.c{}</style>c', 'a b c'],
    ['comments dropped, CDATA kept', 'a<!-- hidden -->b<![CDATA[c]]>', 'a bc'],
    [
      'entities decoded once',
      'Tom &amp; Jerry&#39;s &quot;show&quot; &amp;lt;b&amp;gt;',
      'Tom & Jerry\'s "show" &lt;b&gt;',
    ],
    ['encoded markup stays text', '&lt;b&gt;literal&lt;/b&gt;', '<b>literal</b>'],
    ['non-tags stay text', 'a < b, c > d, I <3 it', 'a < b, c > d, I <3 it'],
    ['a > inside an attribute is not the end of the tag', '<a title="x > y" href="u">link</a>', 'link'],
    [
      'whitespace collapsed, lines trimmed, at most one blank line',
      ' a \t b&nbsp;c \n\n\n\n  d ',
      'a b c\n\nd',
    ],
    ['empty input', '', ''],
  ])('%s', (_what, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe('joinTitleAndBody', () => {
  it.each([
    ['Title', 'Body', 'Title\n\nBody'],
    ['Title', 'Title and more', 'Title and more'],
    ['', 'Body', 'Body'],
    ['Title', '  ', 'Title'],
  ])('%j + %j', (title, body, text) => {
    expect(joinTitleAndBody(title, body)).toBe(text);
  });
});

describe('toEpochMs', () => {
  it.each([
    [1_700_000_000, 1_700_000_000_000],
    [1_700_000_000_123, 1_700_000_000_123],
    ['1700000000', 1_700_000_000_000],
    ['2026-05-01T12:00:00Z', Date.parse('2026-05-01T12:00:00Z')],
    ['not a date', undefined],
    [null, undefined],
  ])('%j', (value, ms) => {
    expect(toEpochMs(value)).toBe(ms);
  });
});
