/**
 * The user's `earshot.config.yaml`: one section per concern (brands.ts, sources.ts, alerts.ts, grafana.ts)
 * and the cross-checks between them. Parsing the file text lives in `file.ts`; per-source `options` are
 * validated later against each connector's own schema.
 */
import { z } from 'zod';
import { AlertsSchema } from './alerts.js';
import { BrandSchema } from './brands.js';
import { GrafanaSchema } from './grafana.js';
import { SourceSchema } from './sources.js';

type Issue = { path: PropertyKey[]; message: string };

/** An issue for each repeated `field` (named `what`) among the entries of `section`. */
function duplicates(
  section: 'brands' | 'sources',
  entries: ReadonlyArray<Record<string, unknown>>,
  field: string,
  what: string,
): Issue[] {
  const seen = new Set<unknown>();
  return entries.flatMap((entry, i) => {
    const key = entry[field];
    const repeated = seen.has(key);
    seen.add(key);
    return repeated ? [{ path: [section, i, field], message: `duplicate ${what} "${String(key)}"` }] : [];
  });
}

/**
 * An issue for each brand key in `keys` (listed at `at`) that is not a configured brand.
 * @param hint what to use instead, ending the message.
 */
function unknownBrands(
  keys: readonly string[],
  brandKeys: ReadonlySet<string>,
  at: PropertyKey[],
  hint: string,
): Issue[] {
  return keys.flatMap((key, j) =>
    brandKeys.has(key) ? [] : [{ path: [...at, j], message: `unknown brand "${key}"; ${hint}` }],
  );
}

export const ConfigSchema = z
  .object({
    brands: z.array(BrandSchema).min(1, 'configure at least one brand'),
    sources: z.array(SourceSchema).default([]),
    alerts: AlertsSchema.default({ enabled: false }),
    grafana: GrafanaSchema.default({ tokenEnv: 'GRAFANA_TOKEN', folderUid: 'earshot' }),
  })
  .superRefine((config, ctx) => {
    const brandKeys = new Set(config.brands.map((b) => b.key));
    const knownBrands = `use one of: ${[...brandKeys].join(', ')}`;
    const competitorsHint = 'competitors must be keys of brands listed under "brands"';
    const issues: Issue[] = [
      ...duplicates('brands', config.brands, 'key', 'brand key'),
      ...config.brands.flatMap((b, i) =>
        unknownBrands(b.competitors, brandKeys, ['brands', i, 'competitors'], competitorsHint),
      ),
      ...duplicates('sources', config.sources, 'id', 'source id'),
      ...config.sources.flatMap((s, i) =>
        unknownBrands(s.brands, brandKeys, ['sources', i, 'brands'], knownBrands),
      ),
    ];
    for (const issue of issues) ctx.addIssue({ code: 'custom', ...issue });
  });

export type EarshotConfig = z.infer<typeof ConfigSchema>;
