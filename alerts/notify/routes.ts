/**
 * Routes and quiet hours, pure: which channels an alert goes to, and when. Every filter of a route must match
 * (absent ones match all); with no routes at all, every alert goes to every channel. A channel reached by
 * several routes is held only while every one of them is in quiet hours.
 */
import type { AlertKindName } from '../../core/alert.js';
import type { QuietHours, RouteConfig } from '../../core/config/alerts.js';

/** A channel an alert goes to and the earliest time it may be sent (0: now). */
export interface RoutedChannel {
  channel: string;
  notBefore: number;
}

/** The channels of `alert` at `now`. */
export function routeAlert(
  alert: { brand: string; kind: AlertKindName; severity: number },
  routes: readonly RouteConfig[],
  channels: readonly string[],
  now: number,
): RoutedChannel[] {
  if (routes.length === 0) return channels.map((channel) => ({ channel, notBefore: 0 }));
  const out = new Map<string, number>();
  for (const route of routes) {
    if (route.brands && !route.brands.includes(alert.brand)) continue;
    if (route.kinds && !route.kinds.includes(alert.kind)) continue;
    if (alert.severity < route.minSeverity) continue;
    const notBefore = route.quietHours ? quietUntil(now, route.quietHours) : 0;
    for (const channel of route.channels) out.set(channel, Math.min(out.get(channel) ?? Infinity, notBefore));
  }
  return [...out].map(([channel, notBefore]) => ({ channel, notBefore }));
}

/** When the quiet window holding `now` ends (epoch ms), or 0 when `now` is outside it. */
export function quietUntil(now: number, quiet: QuietHours): number {
  const minuteOfDay = localMinuteOfDay(now, quiet.timeZone);
  const from = clockMinutes(quiet.from);
  const to = clockMinutes(quiet.to);
  if (from === to) return 0;
  const inside =
    from < to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to;
  if (!inside) return 0;
  const wait = (to - minuteOfDay + 1440) % 1440;
  // Land on the minute `to` starts (seconds of `now` dropped); daylight-saving shifts move it by at most an hour.
  return Math.floor(now / 60_000) * 60_000 + wait * 60_000;
}

function clockMinutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function localMinuteOfDay(now: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(now));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}
