/**
 * Health checks that never throw (DESIGN.md §4): connectors' `check()`, notifiers' and publishers' probes.
 */
import type { HealthResult } from '../core/errors.js';

/** Runs `probe`; resolves `{ ok: true, detail }` or `{ ok: false, error }` with the error's message. */
export async function safeCheck(probe: () => Promise<string | undefined>): Promise<HealthResult> {
  try {
    const detail = await probe();
    return detail === undefined ? { ok: true } : { ok: true, detail };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
