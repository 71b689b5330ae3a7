/**
 * Parses the text of `earshot.config.yaml` into a validated `EarshotConfig`. Every problem is reported
 * as `file:line:column path: what is wrong (got <value>) — fix`, so a person can jump straight to it.
 */
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { ConfigSchema, type EarshotConfig } from './schema.js';
import { ConfigError } from '../errors.js';

/** Formats a zod path as the user sees it in YAML: `sources[2].options.url`. */
export function formatConfigPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json && json.length > 60 ? `${json.slice(0, 57)}...` : (json ?? String(value));
}

/** A fix hint for the common zod issue codes; custom issues carry their own advice in the message. */
function hintFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'unrecognized_keys':
      return `remove or rename ${issue.keys.map((k) => `"${k}"`).join(', ')} (see "earshot init" for the full example)`;
    case 'invalid_value':
      return `use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return '';
  }
}

/**
 * Parses and validates config text.
 * @param fileName used in error locations only.
 * @throws ConfigError listing every problem with its line, path, bad value and fix.
 */
export function parseConfigText(text: string, fileName = 'earshot.config.yaml'): EarshotConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      `${fileName} is not valid YAML`,
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return `${fileName}:${pos ? `${pos.line}:${pos.col}` : '?'} ${e.message.split('\n')[0]} — fix the YAML syntax (indentation, quotes, colons)`;
      }),
    );
  }
  const raw: unknown = doc.toJS();
  const result = ConfigSchema.safeParse(raw ?? {});
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue) => {
    const path = issue.path as PropertyKey[];
    let node = doc.getIn(path as unknown[], true);
    // Point at the nearest existing parent when the key itself is missing.
    for (let depth = path.length - 1; !isNode(node) && depth >= 0; depth--) {
      node = doc.getIn(path.slice(0, depth) as unknown[], true);
    }
    const offset = isNode(node) && node.range ? node.range[0] : 0;
    const { line, col } = lineCounter.linePos(offset);
    const value = path.reduce<unknown>(
      (v, key) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined),
      raw,
    );
    const hint = hintFor(issue);
    return `${fileName}:${line}:${col} ${formatConfigPath(path) || '(top level)'}: ${issue.message} (got ${describeValue(value)})${hint && !issue.message.includes(hint) ? ` — ${hint}` : ''}`;
  });
  throw new ConfigError(`${fileName} has ${problems.length} problem(s)`, problems);
}
