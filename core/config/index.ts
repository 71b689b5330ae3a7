/** The configuration file: its schema by concern, durations, and the parser that reports every problem. */
export { ConfigSchema, type EarshotConfig } from './schema.js';
export { BrandSchema, BrandSentimentSchema, KeywordsSchema, type Brand } from './brands.js';
export { SourceSchema, type SourceConfig } from './sources.js';
export {
  ALERT_KINDS,
  AlertsSchema,
  ChannelSchema,
  EmailChannelSchema,
  RouteSchema,
  SENSITIVITIES,
  SlackChannelSchema,
  WebhookChannelSchema,
  alertChannels,
  channelSecretEnv,
  type AlertsConfig,
  type ChannelConfig,
  type QuietHours,
  type RouteConfig,
} from './alerts.js';
export {
  GrafanaDatasourceSchema,
  GrafanaSchema,
  type GrafanaConfig,
  type GrafanaDatasourceConfig,
} from './grafana.js';
export { DigestSchema, ReportsSchema, type DigestConfig, type ReportsConfig } from './reports.js';
export { DurationSchema, durationMs } from './duration.js';
export { EnvVarNameSchema, KeySchema } from './keys.js';
export { formatConfigPath, parseConfigText } from './file.js';
