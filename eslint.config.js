// Lint rules, including the dependency direction of docs/architecture.md: core/ at the bottom, platform/
// (the shared layer: HTTP, hashing, health, processes) above it, then the libraries, which never import
// each other's internals, Temporal or the environment; only worker/ and cli/ compose them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LIBRARIES = ['connectors', 'sentiment', 'storage', 'matching', 'alerts', 'dashboards'];
/** Libraries may use these other libraries, through their public index.ts only. */
const USES = { connectors: ['matching'] };
/**
 * dashboards/ writes panel SQL against storage's table and column names (storage/schema.ts) and names
 * storage's types (`import type`); it never runs a query itself.
 */
const STORAGE_NAMES_AND_TYPES = { dashboards: ['storage'] };
const namesAndTypesOf = (folder, message) => ({
  group: [...ours(folder), ...ours(folder).map((p) => `!${p.replace('/*', '/schema.js')}`)],
  allowTypeImports: true,
  message,
});
const ours = (folder) => [`../${folder}/*`, `../../${folder}/*`, `../../../${folder}/*`];
const noImport = (folders, message) => folders.map((f) => ({ group: ours(f), message }));
/** Everything of `folder` except its public `index.js`. */
const internalsOf = (folder, message) => ({
  group: [...ours(folder), ...ours(folder).map((p) => `!${p.replace('/*', '/index.js')}`)],
  message,
});
const noTemporal = {
  group: ['@temporalio/*'],
  message: 'Libraries stay free of Temporal; see house-style.md.',
};
// SQL lives in storage/ (docs/architecture.md): a statement in a string or template elsewhere is an error.
const SQL_TEXT = String.raw`/\b(SELECT|INSERT\s+INTO|ALTER\s+TABLE|CREATE\s+TABLE|DROP\s+TABLE|OPTIMIZE\s+TABLE)\b/`;
const noSql = [`Literal[value=${SQL_TEXT}]`, `TemplateElement[value.raw=${SQL_TEXT}]`].map((selector) => ({
  selector,
  message: 'No SQL outside storage/: add a named read or write to storage/ and call it.',
}));
const noEnv = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Only worker/ and cli/ read the environment; take it as a parameter.',
};

export default tseslint.config(
  { ignores: ['node_modules/', '.cache/', '.earshot/', 'dist/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noImport(
              [...LIBRARIES, 'platform', 'activities', 'workflows', 'worker', 'cli'],
              'core/ imports nothing of ours.',
            ),
            noTemporal,
          ],
        },
      ],
      'no-restricted-syntax': ['error', noEnv],
    },
  },
  {
    files: ['platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noImport(
              [...LIBRARIES, 'activities', 'workflows', 'worker', 'cli'],
              'platform/ is the shared layer below the libraries: it imports core/ and third-party packages only.',
            ),
            noTemporal,
          ],
        },
      ],
      'no-restricted-syntax': ['error', noEnv],
    },
  },
  ...LIBRARIES.map((lib) => ({
    files: [`${lib}/**/*.ts`],
    ignores: [`${lib}/**/training/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noImport(
              [
                ...LIBRARIES.filter(
                  (l) =>
                    l !== lib &&
                    !(USES[lib] ?? []).includes(l) &&
                    !(STORAGE_NAMES_AND_TYPES[lib] ?? []).includes(l),
                ),
                'activities',
                'workflows',
                'worker',
                'cli',
              ],
              `${lib}/ imports core/, platform/ and third-party libraries only.`,
            ),
            ...(USES[lib] ?? []).map((l) =>
              internalsOf(l, `${lib}/ may use ${l}/ through its public index.ts only.`),
            ),
            ...(STORAGE_NAMES_AND_TYPES[lib] ?? []).map((l) =>
              namesAndTypesOf(
                l,
                `${lib}/ may import ${l}/schema.ts (names) and ${l}/ types (import type) only; queries run in ${l}/.`,
              ),
            ),
            noTemporal,
          ],
        },
      ],
      'no-restricted-syntax': ['error', noEnv],
    },
  })),
  // The presentation layer (web view, reports): composes storage's named reads and the panel definitions into
  // pages and documents, as activities/ compose libraries for Temporal; no Temporal, no environment, no SQL.
  {
    files: ['web/**/*.ts', 'reports/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noImport(
              ['activities', 'workflows', 'worker', 'cli'],
              'web/ and reports/ sit below the composition roots.',
            ),
            noTemporal,
          ],
        },
      ],
      'no-restricted-syntax': ['error', noEnv, ...noSql],
    },
  },
  // alerts/detect/ is pure math over series (the workflow, the back-test and `earshot alerts detect` share
  // it): core/ and itself only, no platform/, no I/O, not even the rest of alerts/.
  {
    files: ['alerts/detect/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noImport(
              [...LIBRARIES, 'platform', 'activities', 'workflows', 'worker', 'cli'],
              'alerts/detect/ imports core/ and itself only.',
            ),
            { regex: '^\\.\\./(?!\\.\\./)', message: 'alerts/detect/ imports core/ and itself only.' },
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'child_process'],
              message: 'alerts/detect/ does no I/O: detectors are pure functions over the buckets given.',
            },
            noTemporal,
          ],
        },
      ],
      'no-restricted-syntax': ['error', noEnv],
    },
  },
  {
    files: ['activities/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: noImport(
            ['workflows', 'worker', 'cli'],
            'activities/ composes libraries; it does not know the roots.',
          ),
        },
      ],
      'no-restricted-syntax': ['error', noEnv, ...noSql],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noImport(
              [...LIBRARIES, 'worker', 'cli'],
              'Workflows import @temporalio/workflow, core/ constants and activity types only.',
            ),
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'child_process'],
              message: 'No Node built-ins in workflows (determinism).',
            },
            {
              group: ['../activities/*'],
              allowTypeImports: true,
              message: 'Workflows import activity types only (`import type`); activities run in the worker.',
            },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', ...noSql],
    },
  },
  {
    files: ['cli/**/*.ts', 'worker/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...noSql] },
  },
);
