/**
 * `alerts:` — spike, drop and silence alerts (docs/alerts.md): how often the watch runs, how sensitive the
 * detectors are (overridable per brand), the named delivery channels and the routes that pick channels for each
 * alert, with quiet hours. Secrets (Slack webhook URLs, SMTP URLs, webhook signing secrets) are only ever the
 * NAME of an environment variable.
 */
import { z } from 'zod';
import { DurationSchema } from './duration.js';
import { EnvVarNameSchema, KeySchema } from './keys.js';

/** The alert kinds a route can select (the detectors' kinds). */
export const ALERT_KINDS = ['volume_spike', 'negative_spike', 'aspect_spike', 'drop', 'silence'] as const;
/** Detector sensitivity presets (numbers in docs/alerts.md). */
export const SENSITIVITIES = ['low', 'medium', 'high'] as const;

/** Slack incoming webhook; the URL is a secret, so the config names the variable holding it. */
export const SlackChannelSchema = z.strictObject({ webhookUrlEnv: EnvVarNameSchema });

/** A generic JSON webhook, signed with HMAC-SHA256 when `secretEnv` names the shared secret's variable. */
export const WebhookChannelSchema = z.strictObject({
  url: z.string().url(),
  /** Variable holding the signing secret; unsigned (no X-Earshot-Signature) when absent. */
  secretEnv: EnvVarNameSchema.optional(),
});

/** E-mail through an SMTP relay whose `smtp://user:pass@host:port` URL is in an environment variable. */
export const EmailChannelSchema = z.strictObject({
  to: z.array(z.string().email()).min(1, 'give at least one recipient'),
  smtpUrlEnv: EnvVarNameSchema,
  /** @default 'Earshot <earshot@localhost>' */
  from: z.string().min(3).optional(),
});

/** A named channel: where a message goes. `log` writes one clear line to the worker's terminal / log. */
export const ChannelSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('log') }),
  SlackChannelSchema.extend({ type: z.literal('slack') }),
  WebhookChannelSchema.extend({ type: z.literal('webhook') }),
  EmailChannelSchema.extend({ type: z.literal('email') }),
]);
export type ChannelConfig = z.infer<typeof ChannelSchema>;

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A daily window (may cross midnight) in which a route's messages wait; they go out when it ends. */
export const QuietHoursSchema = z.strictObject({
  from: z.string().regex(CLOCK, 'use HH:MM, e.g. "22:00"'),
  to: z.string().regex(CLOCK, 'use HH:MM, e.g. "07:00"'),
  /** IANA time zone of `from` / `to`. @default 'UTC' */
  timeZone: z.string().default('UTC'),
});
export type QuietHours = z.infer<typeof QuietHoursSchema>;

/** Which alerts go to which channels. Every listed filter must match; an absent filter matches all. */
export const RouteSchema = z.strictObject({
  channels: z.array(KeySchema).min(1, 'name at least one channel of alerts.channels'),
  brands: z.array(KeySchema).optional(),
  kinds: z.array(z.enum(ALERT_KINDS)).optional(),
  /** Only alerts at least this severe (0–1). @default 0 */
  minSeverity: z.number().min(0).max(1).default(0),
  quietHours: QuietHoursSchema.optional(),
});
export type RouteConfig = z.infer<typeof RouteSchema>;

/** Per-brand detector settings. */
export const BrandAlertSchema = z.strictObject({
  sensitivity: z.enum(SENSITIVITIES).optional(),
  /** Detector parameters overriding the preset (names in docs/alerts.md). */
  params: z.record(z.string(), z.number()).optional(),
  /** Time zone of the brand's daily and weekly rhythm. @default alerts.timeZone */
  timeZone: z.string().optional(),
});

export const AlertsSchema = z.strictObject({
  /** @default false */
  enabled: z.boolean().default(false),
  /** How often the watch workflow runs. @default '1m' */
  interval: DurationSchema.default('1m'),
  /**
   * How long after a 5-minute bucket ends before it counts as complete (mentions published in it may still
   * arrive with the next poll). Until then a spike in it can already alert, but it never counts as a drop.
   * @default '2m'
   */
  settle: DurationSchema.default('2m'),
  /** History the detectors learn from the first time they see a brand. @default '14d' */
  warmup: DurationSchema.default('14d'),
  /** @default 'medium' */
  sensitivity: z.enum(SENSITIVITIES).default('medium'),
  /** Time zone of the daily and weekly rhythm ("the usual for a Tuesday 10:00"). @default 'UTC' */
  timeZone: z.string().default('UTC'),
  /** Per-brand overrides, by brand key. */
  brands: z.record(KeySchema, BrandAlertSchema).default({}),
  /** Named channels. */
  channels: z.record(KeySchema, ChannelSchema).default({}),
  /** Routes; with none, every alert goes to every channel. */
  routes: z.array(RouteSchema).default([]),
  /** Shorthands for one channel each, named `slack`, `webhook` and `email` (same as under `channels`). */
  slack: SlackChannelSchema.optional(),
  webhook: WebhookChannelSchema.optional(),
  email: EmailChannelSchema.optional(),
});

export type AlertsConfig = z.infer<typeof AlertsSchema>;

/** Every configured channel by name: `channels` plus the `slack` / `webhook` / `email` shorthands. */
export function alertChannels(config: AlertsConfig): Map<string, ChannelConfig> {
  const channels = new Map<string, ChannelConfig>(Object.entries(config.channels));
  if (config.slack) channels.set('slack', { type: 'slack', ...config.slack });
  if (config.webhook) channels.set('webhook', { type: 'webhook', ...config.webhook });
  if (config.email) channels.set('email', { type: 'email', ...config.email });
  return channels;
}

/** The environment variable names a channel reads (its secrets). */
export function channelSecretEnv(channel: ChannelConfig): string[] {
  switch (channel.type) {
    case 'slack':
      return [channel.webhookUrlEnv];
    case 'webhook':
      return channel.secretEnv ? [channel.secretEnv] : [];
    case 'email':
      return [channel.smtpUrlEnv];
    default:
      return [];
  }
}
