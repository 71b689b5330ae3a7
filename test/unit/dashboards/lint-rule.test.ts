/** The dashboards/ layer rule of docs/architecture.md bites: storage names and types only, no queries. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../../../', import.meta.url).pathname });

async function violations(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = [x];\n`, {
    filePath: 'dashboards/panels/x.ts',
  });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dashboards/ import rule', () => {
  it('refuses running storage code', async () => {
    expect(await violations("import { runPanelQuery as x } from '../../storage/panel-query.js';")).toEqual([
      expect.stringMatching(/storage\/schema\.ts \(names\) and storage\/ types/),
    ]);
  });
  it('refuses other libraries', async () => {
    expect(await violations("import { analyze as x } from '../../sentiment/index.js';")).toHaveLength(1);
  });
  it.each([
    "import { TABLES as x } from '../../storage/schema.js';",
    "import type { Store } from '../../storage/client.js';\nconst x = 1 as unknown as Store;",
    "import { httpRequest as x } from '../../platform/http/index.js';",
  ])('allows %s', async (code) => {
    expect(await violations(code)).toEqual([]);
  });
});
