/**
 * `grafana:` — where dashboards are published. Without `url` they are only written as provisioning files;
 * the dashboards issue adds its settings here.
 */
import { z } from 'zod';
import { EnvVarNameSchema } from './keys.js';

export const GrafanaSchema = z.strictObject({
  /** Grafana base URL, e.g. `http://localhost:3000`; unset = do not publish over HTTP. */
  url: z.string().url().optional(),
  /** Name of the variable holding a service-account token. @default "GRAFANA_TOKEN" */
  tokenEnv: EnvVarNameSchema.default('GRAFANA_TOKEN'),
  /** Folder the dashboards are published into. @default "earshot" */
  folderUid: z.string().default('earshot'),
});

export type GrafanaConfig = z.infer<typeof GrafanaSchema>;
