/**
 * The user's `earshot.config.yaml`: one section per concern (brands.ts, sources.ts, alerts.ts, grafana.ts)
 * and the cross-checks between them. Parsing the file text lives in `file.ts`; per-source `options` are
 * validated later against each connector's own schema.
 */
import { z } from 'zod';
import { alertChannels, AlertsSchema } from './alerts.js';
import { BrandSchema } from './brands.js';
import { GrafanaSchema } from './grafana.js';
import { reportIssues, ReportsSchema } from './reports.js';
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

/** Alert routes and per-brand settings name configured brands and channels; time zones must exist. */
function alertIssues(
  alerts: z.infer<typeof AlertsSchema>,
  brandKeys: ReadonlySet<string>,
  knownBrands: string,
): Issue[] {
  const channels = alertChannels(alerts);
  const knownChannels = channels.size
    ? `use one of: ${[...channels.keys()].join(', ')}`
    : 'declare it under alerts.channels (e.g. terminal: { type: log })';
  const zones = [
    { zone: alerts.timeZone, at: ['alerts', 'timeZone'] as PropertyKey[] },
    ...Object.entries(alerts.brands).map(([k, b]) => ({
      zone: b.timeZone,
      at: ['alerts', 'brands', k, 'timeZone'],
    })),
    ...alerts.routes.map((r, i) => ({
      zone: r.quietHours?.timeZone,
      at: ['alerts', 'routes', i, 'quietHours', 'timeZone'],
    })),
  ];
  return [
    ...unknownBrands(Object.keys(alerts.brands), brandKeys, ['alerts', 'brands'], knownBrands),
    ...alerts.routes.flatMap((route, i) => [
      ...unknownBrands(route.brands ?? [], brandKeys, ['alerts', 'routes', i, 'brands'], knownBrands),
      ...route.channels.flatMap((name, j) =>
        channels.has(name)
          ? []
          : [
              {
                path: ['alerts', 'routes', i, 'channels', j],
                message: `unknown channel "${name}"; ${knownChannels}`,
              },
            ],
      ),
    ]),
    ...zones.flatMap(({ zone, at }) =>
      zone === undefined || isTimeZone(zone)
        ? []
        : [
            {
              path: at,
              message: `unknown time zone "${zone}"; use an IANA name such as "Europe/Paris" or "UTC"`,
            },
          ],
    ),
  ];
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const ConfigSchema = z
  .object({
    brands: z.array(BrandSchema).min(1, 'configure at least one brand'),
    sources: z.array(SourceSchema).default([]),
    alerts: AlertsSchema.prefault({}),
    grafana: GrafanaSchema.prefault({}),
    reports: ReportsSchema.prefault({}),
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
      ...alertIssues(config.alerts, brandKeys, knownBrands),
      ...reportIssues(config.reports, brandKeys),
    ];
    for (const issue of issues) ctx.addIssue({ code: 'custom', ...issue });
  });

export type EarshotConfig = z.infer<typeof ConfigSchema>;
