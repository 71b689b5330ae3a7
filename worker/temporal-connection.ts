/**
 * Temporal connection settings from the environment, for `earshot worker` (production) and the CLI
 * commands that talk to a running cluster.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../core/errors.js';

/** Resolved connection settings. */
export interface TemporalSettings {
  address: string;
  namespace: string;
  apiKey?: string;
  tls?: { clientCertPair?: { crt: Buffer; key: Buffer } } | boolean;
}

/**
 * Reads TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_CERT / TEMPORAL_TLS_KEY.
 * @throws ConfigError when a certificate file cannot be read or only one of cert/key is set.
 */
export function temporalSettingsFromEnv(env: NodeJS.ProcessEnv): TemporalSettings {
  const settings: TemporalSettings = {
    address: env.TEMPORAL_ADDRESS || '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE || 'default',
  };
  if (env.TEMPORAL_API_KEY) {
    settings.apiKey = env.TEMPORAL_API_KEY;
    settings.tls = true;
  }
  const cert = env.TEMPORAL_TLS_CERT;
  const key = env.TEMPORAL_TLS_KEY;
  if (Boolean(cert) !== Boolean(key)) {
    throw new ConfigError(
      'Set both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY (file paths) for mTLS, or neither',
    );
  }
  if (cert && key) {
    try {
      settings.tls = { clientCertPair: { crt: readFileSync(cert), key: readFileSync(key) } };
    } catch (error) {
      throw new ConfigError(
        `Cannot read the Temporal TLS certificate or key (${cert}, ${key}); check the paths`,
        [],
        {
          cause: error,
        },
      );
    }
  }
  return settings;
}
