/** `earshot score` as a user runs it: texts on stdin, one JSON result per line on stdout. */
import { describe, expect, it } from 'vitest';
import { runEarshot } from './support.js';

interface Line {
  label: string;
  sentiment: number;
  confidence: number;
  lang: string;
  aspects: Array<{ aspect: string; sentiment: number }>;
}

const parse = (stdout: string): Line[] =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);

describe('earshot score', () => {
  it('scores the issue example as negative with support and refund aspects', async () => {
    const r = await runEarshot(['score'], {
      input: 'the support team was useless, still waiting for my refund 😡\n',
    });
    expect(r.code).toBe(0);
    const [line] = parse(r.stdout);
    expect(line).toMatchObject({ label: 'negative', lang: 'en' });
    expect(line!.aspects.map((a) => a.aspect)).toEqual(expect.arrayContaining(['support', 'price']));
  });

  it('writes one line per input: plain text, JSON lines with text, empty lines unscored', async () => {
    const input = [
      'Thanks, the crew was amazing!',
      '',
      JSON.stringify({ text: 'worst delivery ever, package lost', brand: 'acme' }),
      'https://t.co/xyz',
      '{"text": "El servicio fue excelente"}',
    ].join('\n');
    const r = await runEarshot(['score'], { input });
    expect(r.code).toBe(0);
    const lines = parse(r.stdout);
    expect(lines.map((l) => l.label)).toEqual(['positive', 'unscored', 'negative', 'unscored', 'positive']);
    expect(lines[4]!.lang).toBe('es');
    for (const l of lines)
      expect(Object.keys(l)).toEqual(['label', 'sentiment', 'confidence', 'lang', 'aspects']);
  });

  it('prints the scorer version', async () => {
    const r = await runEarshot(['score', '--scorer-version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^earshot-sentiment@lr16-[0-9a-f]{10}-cs[0-9a-f]{10}$/);
  });
});
