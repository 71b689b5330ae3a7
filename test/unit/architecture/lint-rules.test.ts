/**
 * The dependency rules of docs/architecture.md are ESLint rules; this proves each one bites (a pattern with a
 * typo would otherwise match nothing and pass silently). Snippets are linted as if they lived at `filePath`.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../../../', import.meta.url).pathname });

/** The messages of the rules that guard the architecture, for `code` placed at `filePath`. */
async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('architecture lint rules', () => {
  it.each([
    [
      'core/x.ts',
      "import { httpRequest } from '../platform/http/index.js';",
      /core\/ imports nothing of ours/,
    ],
    [
      'platform/x.ts',
      "import { upsertMentions } from '../storage/mentions.js';",
      /platform\/ is the shared layer/,
    ],
    [
      'storage/x.ts',
      "import { analyze } from '../sentiment/index.js';",
      /storage\/ imports core\/, platform\//,
    ],
    [
      'connectors/rss/x.ts',
      "import { parseQuery } from '../../matching/query/parser.js';",
      /through its public index\.ts only/,
    ],
    [
      'matching/x.ts',
      "import { rssConnector } from '../connectors/rss/index.js';",
      /matching\/ imports core\//,
    ],
    ['sentiment/x.ts', "import { Client } from '@temporalio/client';", /free of Temporal/],
    ['workflows/x.ts', "import { readFileSync } from 'node:fs';", /No Node built-ins in workflows/],
    ['workflows/x.ts', "import { createActivities } from '../activities/index.js';", /activity types only/],
    ['activities/x.ts', "import { runWorkers } from '../worker/run-worker.js';", /does not know the roots/],
    [
      'alerts/detect/x.ts',
      "import { notify } from '../notify/index.js';",
      /alerts\/detect\/ imports core\/ and itself only/,
    ],
    [
      'alerts/detect/x.ts',
      "import { fnv1a } from '../../platform/hash.js';",
      /alerts\/detect\/ imports core\/ and itself only/,
    ],
    ['alerts/detect/x.ts', "import { readFileSync } from 'node:fs';", /alerts\/detect\/ does no I\/O/],
  ])('%s: %s is refused', async (filePath, code, message) => {
    expect(
      await violations(filePath, `${code}\nexport const used = [${/\{ (\w+) \}/.exec(code)?.[1]}];\n`),
    ).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['connectors/rss/x.ts', "import { parseQuery } from '../../matching/index.js';"],
    ['storage/x.ts', "import { fnv1a } from '../platform/hash.js';"],
    ['workflows/x.ts', "import type { IngestActivities } from '../activities/index.js';"],
    ['alerts/detect/x.ts', "import { StorageError } from '../../core/errors.js';"],
  ])('%s: %s is allowed', async (filePath, code) => {
    expect(
      await violations(
        filePath,
        `${code}\nexport type Used = typeof ${/\{ (?:type )?(\w+) \}/.exec(code)?.[1]};\n`,
      ),
    ).toEqual([]);
  });

  it('refuses the environment in libraries and SQL text outside storage/', async () => {
    expect(await violations('connectors/x.ts', 'export const home = process.env.HOME;\n')).toEqual([
      expect.stringMatching(/Only worker\/ and cli\/ read the environment/),
    ]);
    for (const filePath of ['cli/x.ts', 'worker/x.ts', 'activities/x.ts', 'workflows/x.ts']) {
      expect(
        await violations(filePath, "export const q = 'SELECT count() FROM mentions';\n"),
        filePath,
      ).toEqual([expect.stringMatching(/No SQL outside storage\//)]);
      expect(
        await violations(filePath, 'export const q = (t: string) => `ALTER TABLE ${t} DELETE`;\n'),
      ).toHaveLength(1);
    }
    expect(await violations('storage/x.ts', "export const q = 'SELECT count() FROM mentions';\n")).toEqual(
      [],
    );
  });
});
