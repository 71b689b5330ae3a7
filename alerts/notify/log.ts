/**
 * The built-in `log` channel: one clear line per alert transition in the worker's log (the terminal of
 * `earshot up`), with no external service. The demo config uses it.
 */
import type { Logger } from '../../core/logger.js';
import { safeCheck } from '../../platform/health.js';
import { itemTitle, resolveLine, type Notifier } from './types.js';

/** A log channel writing to `logger` (warn for a firing alert, info for a resolve). */
export function createLogNotifier(channel: string, logger: Logger): Notifier {
  return {
    channel,
    type: 'log',
    async send(batch) {
      for (const item of batch.items) {
        const { alert } = item;
        const meta = {
          alertId: alert.id,
          brand: alert.brand,
          kind: alert.kind,
          severity: alert.severity,
          channel,
        };
        const tag = batch.test ? 'TEST ALERT' : item.transition === 'fired' ? 'ALERT' : 'RESOLVED';
        const text = item.transition === 'fired' ? alert.summary : `${resolveLine(item)} ${alert.summary}`;
        const line = `${tag} ${itemTitle(item)}: ${text} (severity ${alert.severity.toFixed(2)}; earshot alerts show ${alert.id})`;
        if (item.transition === 'fired') logger.warn(meta, line);
        else logger.info(meta, line);
      }
    },
    check: () => safeCheck(async () => 'writes to the worker log'),
  };
}
