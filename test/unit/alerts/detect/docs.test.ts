/** The presets' numbers are published in docs/alerts.md; this keeps the page and the code in step. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SENSITIVITY_PRESETS } from '../../../../alerts/detect/index.js';

const doc = readFileSync(new URL('../../../../docs/alerts.md', import.meta.url), 'utf8');

describe('docs/alerts.md', () => {
  it.each(Object.keys(SENSITIVITY_PRESETS.medium))(
    'publishes %s with its low / medium / high values',
    (key) => {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${key}\``));
      expect(row, `a row for ${key} in the parameter table`).toBeDefined();
      const cells = row!.split('|').map((c) => c.trim());
      const values = (['low', 'medium', 'high'] as const).map(
        (s) => SENSITIVITY_PRESETS[s][key as 'threshold'],
      );
      expect(cells.slice(2, 5).map(Number)).toEqual(values);
    },
  );
});
