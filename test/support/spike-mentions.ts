/**
 * A brand's stored history with a negative spike at its end, as mentions: `days` of a calm stream (a few
 * mentions per 5 minutes with a daily rhythm, about a third negative), then `spikeMinutes` of a burst of
 * negative `wait_time` complaints ending at `end`. Deterministic.
 */
import type { Mention } from '../../core/mention.js';

/** Options of `spikeHistory`. */
export interface SpikeHistoryOptions {
  brand: string;
  sourceId?: string;
  end: number;
  days?: number;
  spikeMinutes?: number;
  /** Negative mentions per minute during the spike. @default 10 */
  spikePerMinute?: number;
  /** Calm minutes after the spike (published after `end`). @default 0 */
  calmAfterMinutes?: number;
}

/** The mentions (calm history, then the spike). */
export function spikeHistory(options: SpikeHistoryOptions): Mention[] {
  const { brand, end } = options;
  const sourceId = options.sourceId ?? 'reddit-main';
  const days = options.days ?? 3;
  const spikeMs = (options.spikeMinutes ?? 15) * 60_000;
  const start = end - days * 86_400_000;
  let seed = 12345;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const out: Mention[] = [];
  const make = (i: number, at: number, negative: boolean, spike: boolean): Mention => ({
    source: 'reddit',
    source_id: sourceId,
    native_id: `${spike ? 'spike' : 'calm'}-${i}`,
    brand,
    kind: 'post',
    url: `https://reddit.example/r/acme/${spike ? 'spike' : 'calm'}-${i}`,
    author: `user${i % 97}`,
    text: spike
      ? `Waited 3 hours on hold with <Acme> support & nobody answers #${i}`
      : negative
        ? `Meh, acme was slow today #${i}`
        : `acme is fine #${i}`,
    lang: 'en',
    published_at: at,
    fetched_at: at + 30_000,
    engagement: { likes: spike ? 100 - (i % 50) : i % 5, shares: 0, replies: 0, score: 0 },
    sentiment: negative ? -0.7 : 0.3,
    label: negative ? 'negative' : 'positive',
    confidence: 0.8,
    aspects: spike
      ? [{ aspect: 'wait_time', sentiment: -0.9 }]
      : [{ aspect: 'price', sentiment: negative ? -0.4 : 0.4 }],
    scorer_version: 'test',
    story_id: `${spike ? 'spike' : 'calm'}-story-${i}`,
  });
  let i = 0;
  for (let minute = start; minute < end - spikeMs; minute += 60_000) {
    const hour = new Date(minute).getUTCHours();
    const rate = 0.6 + 0.4 * Math.sin(((hour - 6) / 24) * 2 * Math.PI);
    if (rand() < rate) out.push(make(i++, minute + Math.floor(rand() * 59_000), rand() < 0.3, false));
  }
  const after = end + (options.calmAfterMinutes ?? 0) * 60_000;
  for (let minute = end; minute < after; minute += 60_000) {
    const hour = new Date(minute).getUTCHours();
    const rate = 0.6 + 0.4 * Math.sin(((hour - 6) / 24) * 2 * Math.PI);
    if (rand() < rate) out.push(make(i++, minute + Math.floor(rand() * 59_000), rand() < 0.3, false));
  }
  const perMinute = options.spikePerMinute ?? 10;
  for (let minute = end - spikeMs; minute < end; minute += 60_000) {
    for (let k = 0; k < perMinute; k++) out.push(make(i++, minute + k * (50_000 / perMinute), true, true));
  }
  return out;
}
