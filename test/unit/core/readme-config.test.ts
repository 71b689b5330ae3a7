/** The README's configuration example is a config Earshot accepts, so a newcomer can start from it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../core/config/file.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('README configuration example', () => {
  it('parses and validates', () => {
    const section = readme.slice(readme.indexOf('## Configuration'));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    const config = parseConfigText(example!, 'README.md example');
    expect(config.brands.map((b) => b.key)).toEqual(['acme-air', 'globex']);
    expect(config.sources.map((s) => s.type)).toEqual(['reddit']);
  });
});
