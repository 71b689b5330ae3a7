/**
 * `alerts:` — spike, drop and silence alerts and where they are delivered. Only the delivery channels are
 * declared so far; the alerting issue adds detector settings here, beside the channels.
 */
import { z } from 'zod';
import { EnvVarNameSchema } from './keys.js';

/** Slack incoming webhook; the URL is a secret, so the config names the variable holding it. */
export const SlackChannelSchema = z.strictObject({ webhookUrlEnv: EnvVarNameSchema });

/** A generic JSON webhook. */
export const WebhookChannelSchema = z.strictObject({ url: z.string().url() });

/** E-mail through an SMTP relay whose `smtp://user:pass@host:port` URL is in an environment variable. */
export const EmailChannelSchema = z.strictObject({
  to: z.array(z.string().email()),
  smtpUrlEnv: EnvVarNameSchema,
});

export const AlertsSchema = z.strictObject({
  /** @default false */
  enabled: z.boolean().default(false),
  slack: SlackChannelSchema.optional(),
  webhook: WebhookChannelSchema.optional(),
  email: EmailChannelSchema.optional(),
});

export type AlertsConfig = z.infer<typeof AlertsSchema>;
