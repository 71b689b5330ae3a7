/**
 * Incident life cycle shared by every detector: an incident opens on a trigger (one alert), stays open
 * while the evidence is above the hysteresis level, closes after `resolveMinutes` of calm (one resolve),
 * and a cooldown then holds back the next alert, so one incident gives one alert and one resolve.
 */

/** JSON-serializable life-cycle state. */
export interface IncidentState {
  firing: boolean;
  /** Epoch ms of the bucket where the open incident began, or null. */
  openedAt: number | null;
  /** Epoch ms since which the open incident has been calm, or null. */
  calmSince: number | null;
  /** No new alert before this epoch ms. */
  cooldownUntil: number;
}

/** What happened to the incident on one bucket. */
export interface Transition {
  alert: boolean;
  firing: boolean;
  resolved: boolean;
}

/** A closed incident with no cooldown. */
export function newIncident(): IncidentState {
  return { firing: false, openedAt: null, calmSince: null, cooldownUntil: Number.MIN_SAFE_INTEGER };
}

/**
 * Advances the incident at bucket `start`: `trigger` says the alert conditions hold, `calm` that the
 * evidence is back below the hysteresis level.
 */
export function advance(
  state: IncidentState,
  start: number,
  trigger: boolean,
  calm: boolean,
  timing: { resolveMs: number; cooldownMs: number; intervalMs: number },
): Transition {
  if (state.firing) {
    if (!calm) {
      state.calmSince = null;
      return { alert: false, firing: true, resolved: false };
    }
    state.calmSince ??= start;
    // Calm for the whole resolve period, counting this bucket.
    if (start + timing.intervalMs - state.calmSince >= timing.resolveMs) {
      state.firing = false;
      state.openedAt = null;
      state.calmSince = null;
      state.cooldownUntil = start + timing.intervalMs + timing.cooldownMs;
      return { alert: false, firing: false, resolved: true };
    }
    return { alert: false, firing: true, resolved: false };
  }
  if (trigger && start >= state.cooldownUntil) {
    state.firing = true;
    state.openedAt = start;
    state.calmSince = null;
    return { alert: true, firing: true, resolved: false };
  }
  return { alert: false, firing: false, resolved: false };
}
