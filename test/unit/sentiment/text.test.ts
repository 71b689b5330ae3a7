import { describe, expect, it } from 'vitest';
import { Kind, tokenize } from '../../../sentiment/text.js';

const words = (text: string): string[] =>
  tokenize(text)
    .tokens.filter((t) => t.kind === Kind.Word)
    .map((t) => t.text);

describe('tokenize', () => {
  it('drops URLs and mentions, splits hashtags, keeps emoji and emoticons', () => {
    const tk = tokenize('@acme see https://t.co/x #NeverAgain 😡 :( www.acme.com');
    expect(tk.urls).toBe(2);
    expect(tk.mentions).toBe(1);
    expect(words('@acme see https://t.co/x #NeverAgain')).toEqual(['see', 'never', 'again']);
    expect(tk.tokens.filter((t) => t.kind === Kind.Emoji).map((t) => t.text)).toEqual(['😡', ':(']);
  });

  it('marks capitals and elongations, keeps contractions', () => {
    const tk = tokenize("I'm SOOOO happy, don’t stop");
    expect(tk.tokens.map((t) => t.text)).toEqual(["i'm", 'soo', 'happy', ',', "don't", 'stop']);
    expect(tk.tokens[1]).toMatchObject({ caps: true, elongated: true });
  });

  it('emits sentence and clause boundaries and punctuation', () => {
    const kinds = tokenize('bad. good, ok!?').tokens.map((t) => t.kind);
    expect(kinds).toEqual([
      Kind.Word,
      Kind.Sentence,
      Kind.Word,
      Kind.Clause,
      Kind.Word,
      Kind.Bang,
      Kind.Question,
    ]);
  });

  it('handles non-Latin letters and lone surrogates', () => {
    expect(words('café Grüße привет')).toEqual(['café', 'grüße', 'привет']);
    expect(tokenize('\ud83d x \udc00').tokens.map((t) => t.text)).toEqual(['x']);
  });
});
