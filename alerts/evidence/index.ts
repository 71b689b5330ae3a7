/**
 * An alert's evidence, pure: from the detector's verdict, the top negative mentions and the per-source /
 * per-aspect counts of the alert window and of its baseline period, build what a support lead needs to act —
 * the mentions with links (one per story), the sources and aspects whose share moved most, the counts, and one
 * sentence read in two seconds:
 * "Negative mentions of Acme Air: 41 in the last 15 min, 6.8× the usual for a Tuesday 10:00 (6 ± 2), driven by
 * wait_time and support, mostly on Reddit and Bluesky."
 */
import type {
  AlertDriver,
  AlertEvidence,
  AlertEvidenceMention,
  AlertKindName,
  AlertScopeType,
} from '../../core/alert.js';

/** How far back the evidence looks before the opening bucket (the detectors' evidence window). */
export const EVIDENCE_LOOKBACK_MS = 10 * 60_000;
/** The baseline period the shares are compared with: the week before the alert window. */
export const BASELINE_MS = 7 * 86_400_000;

/** A candidate evidence mention (storage's `EvidenceMention` fits). */
export interface MentionCandidate extends AlertEvidenceMention {
  storyId: string;
}

/** Counts of one source (by source_id) or aspect over a period. */
export interface PartCount {
  name: string;
  /** The part's display name (a source's connector type, an aspect's name). */
  label?: string;
  /** The metric the alert is about (negatives; mentions for volume, drop and silence). */
  count: number;
}

/** Input of `buildEvidence`. */
export interface EvidenceInput {
  brandName: string;
  kind: AlertKindName;
  scopeType: AlertScopeType;
  scope: string;
  windowStart: number;
  windowEnd: number;
  observed: number;
  expected: number;
  spread: number;
  strength: string;
  /** Most relevant first (engagement); several may share a story. */
  mentions: readonly MentionCandidate[];
  window: { volume: number; negative: number; sources: readonly PartCount[]; aspects: readonly PartCount[] };
  baseline: { sources: readonly PartCount[]; aspects: readonly PartCount[] };
  /** @default 5 */
  maxMentions?: number;
}

/** The evidence and its sentence. */
export interface BuiltEvidence {
  evidence: AlertEvidence;
  summary: string;
}

/** Display names of connector types for sentences ("mostly on Reddit and Bluesky"). */
const SOURCE_NAMES: Record<string, string> = {
  reddit: 'Reddit',
  hackernews: 'Hacker News',
  hn: 'Hacker News',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  youtube: 'YouTube',
  github: 'GitHub',
  appstore: 'the App Store',
  rss: 'news feeds',
  demo: 'the demo stream',
  stackexchange: 'Stack Exchange',
};

/** Builds the evidence of one alert (see the module comment). */
export function buildEvidence(input: EvidenceInput): BuiltEvidence {
  const mentions = onePerStory(input.mentions, input.maxMentions ?? 5);
  const sources = drivers(input.window.sources, input.baseline.sources);
  const aspects = drivers(input.window.aspects, input.baseline.aspects);
  const evidence: AlertEvidence = {
    mentions,
    sources,
    aspects,
    counts: {
      volume: input.window.volume,
      negative: input.window.negative,
      windowStart: input.windowStart - EVIDENCE_LOOKBACK_MS,
      windowEnd: input.windowEnd,
    },
    baseline: { expected: input.expected, spread: input.spread, strength: input.strength },
  };
  return { evidence, summary: sentence(input, sources, aspects) };
}

/** The first mention of each story, at most `max`. */
export function onePerStory(mentions: readonly MentionCandidate[], max: number): AlertEvidenceMention[] {
  const seen = new Set<string>();
  const out: AlertEvidenceMention[] = [];
  for (const m of mentions) {
    const story = m.storyId || m.url;
    if (seen.has(story)) continue;
    seen.add(story);
    const { source, sourceId, url, author, title, text, publishedAt, sentiment, engagement } = m;
    out.push({ source, sourceId, url, author, title, text, publishedAt, sentiment, engagement });
    if (out.length >= max) break;
  }
  return out;
}

/**
 * The parts whose share of the window's count grew most against their baseline share, largest move first, at
 * most three; parts with no count in the window are left out.
 */
export function drivers(window: readonly PartCount[], baseline: readonly PartCount[]): AlertDriver[] {
  const sum = (parts: readonly PartCount[]): number => parts.reduce((s, p) => s + Math.max(0, p.count), 0);
  const windowTotal = sum(window);
  if (windowTotal <= 0) return [];
  const baselineTotal = sum(baseline);
  const before = new Map(baseline.map((p) => [p.name, p.count]));
  return window
    .filter((p) => p.count > 0)
    .map((p) => ({
      name: p.name,
      share: p.count / windowTotal,
      baselineShare: baselineTotal > 0 ? Math.max(0, before.get(p.name) ?? 0) / baselineTotal : 0,
      count: p.count,
    }))
    .sort((a, b) => b.share - b.baselineShare - (a.share - a.baselineShare) || b.count - a.count)
    .slice(0, 3);
}

/** The two-second sentence. */
function sentence(input: EvidenceInput, sources: AlertDriver[], aspects: AlertDriver[]): string {
  const labels = new Map(input.window.sources.map((s) => [s.name, s.label ?? s.name]));
  const sourceName = (id: string): string => {
    const type = labels.get(id) ?? id;
    return SOURCE_NAMES[type] ?? type;
  };
  const subject = subjectOf(input, sourceName);
  const parts = [`${subject}: ${input.strength}`];
  // Drivers only where they explain the alert: the rise of one aspect needs no "driven by" itself.
  const moved = (d: AlertDriver[]): AlertDriver[] => d.filter((x) => x.share > x.baselineShare).slice(0, 2);
  if (input.kind !== 'aspect_spike' && input.kind !== 'drop' && input.kind !== 'silence') {
    const a = moved(aspects);
    if (a.length) parts.push(`driven by ${and(a.map((x) => x.name))}`);
  }
  if (input.scopeType !== 'source' && input.kind !== 'silence') {
    const names = [...new Set(moved(sources).map((x) => sourceName(x.name)))];
    if (names.length) parts.push(`mostly on ${and(names)}`);
  }
  return `${parts.join(', ')}.`;
}

function subjectOf(input: EvidenceInput, sourceName: (id: string) => string): string {
  const on = input.scopeType === 'source' ? ` on ${sourceName(input.scope)}` : '';
  switch (input.kind) {
    case 'volume_spike':
      return `Mentions of ${input.brandName}${on}`;
    case 'negative_spike':
      return `Negative mentions of ${input.brandName}${on}`;
    case 'aspect_spike':
      return `Complaints about ${input.scope} for ${input.brandName}`;
    case 'drop':
      return `Drop in mentions of ${input.brandName}${on}`;
    case 'silence':
      return `No mentions of ${input.brandName}${on}`;
  }
}

function and(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
