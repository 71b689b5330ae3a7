import { describe, expect, it } from 'vitest';
import { htmlToText, toEpochMs } from '../../../connectors/shared/text.js';

describe('htmlToText', () => {
  it.each([
    [
      "block tags become line breaks, also HN's unclosed <p>",
      '<p>one</p><p>two<br>three</p>four<p>five',
      'one\n\ntwo\nthree\nfour\nfive',
    ],
    ['list items', '<ul><li>a</li><li>b</li></ul>', 'a\n\nb'],
    [
      'inline tags vanish, non-tags stay text',
      'Slack <b>is</b> down, a<span>b</span>, a < b, I <3 it',
      'Slack is down, ab, a < b, I <3 it',
    ],
    [
      'script, style and comments dropped, CDATA kept',
      'a<script>x("y")</script>b<style>.c{}</style>c<!-- d -->e<![CDATA[f]]>',
      'a b c ef',
    ],
    [
      'entities decoded once, encoded markup stays text',
      'Tom &amp; Jerry&#39;s &quot;show&quot; &amp;lt;b&amp;gt; &lt;i&gt;',
      'Tom & Jerry\'s "show" &lt;b&gt; <i>',
    ],
    ['a > inside an attribute is not the end of the tag', '<a title="x > y" href="u">link</a>', 'link'],
    [
      'whitespace collapsed, lines trimmed, at most one blank line',
      ' a \t b&nbsp;c \n\n\n\n  d ',
      'a b c\n\nd',
    ],
  ])('%s', (_what, html, text) => {
    expect(htmlToText(html)).toBe(text);
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
