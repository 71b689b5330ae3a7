/**
 * The demo mention stream: a pure function of (seed, brands, minute). Every simulated minute has a
 * deterministic set of mentions, so any window of time can be regenerated identically, and a poll that
 * covers [from, to) returns exactly the mentions timestamped in that window.
 */
import type { BrandQuery } from '../../core/connector.js';
import type { FetchedMention, MentionKind } from '../../core/mention.js';
import { hashSeed, Random } from './random.js';
import { AUTHOR_SUFFIXES, AUTHORS, OUTAGE_TEMPLATES, TEMPLATES, type Tone } from './templates.js';

/** Generator settings (from the validated options). */
export interface DemoStreamSettings {
  seed: number;
  ratePerMinute: number;
  spikeEveryHours: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Share of each tone by brand position: the first brand is liked, later ones more mixed. */
const TONE_MIX: Array<[number, number]> = [
  [0.5, 0.3],
  [0.35, 0.35],
  [0.3, 0.3],
];

/** Brand that has an outage in `hour` (epoch hour), or undefined when the hour is calm. */
export function outageBrand(
  settings: DemoStreamSettings,
  brands: readonly BrandQuery[],
  hour: number,
): BrandQuery | undefined {
  if (settings.spikeEveryHours <= 0 || brands.length === 0) return undefined;
  const every = Math.max(1, Math.round(settings.spikeEveryHours));
  if ((hour + (settings.seed % every)) % every !== 0) return undefined;
  return brands[hashSeed(settings.seed, 'outage', hour) % brands.length];
}

/** Every mention timestamped within the epoch minute `minute` (sorted by time). */
export function mentionsForMinute(
  settings: DemoStreamSettings,
  brands: readonly BrandQuery[],
  minute: number,
): FetchedMention[] {
  const rng = new Random(hashSeed(settings.seed, minute));
  const out: FetchedMention[] = [];
  const base = rng.poisson(settings.ratePerMinute);
  for (let i = 0; i < base; i++) {
    const brandIndex = rng.int(0, brands.length - 1);
    const brand = brands[brandIndex] as BrandQuery;
    const [pos, neu] = TONE_MIX[brandIndex % TONE_MIX.length] as [number, number];
    const roll = rng.next();
    const tone: Tone = roll < pos ? 'positive' : roll < pos + neu ? 'neutral' : 'negative';
    out.push(streamMention(rng, settings, brand, minute, i, tone, rng.pick(TEMPLATES[tone])));
  }
  const hour = Math.floor((minute * MINUTE) / HOUR);
  const outage = outageBrand(settings, brands, hour);
  const minuteOfHour = minute % 60;
  if (outage && minuteOfHour < 45) {
    // Ramp up, peak, then fade: a burst several times the normal rate.
    const intensity =
      minuteOfHour < 10 ? minuteOfHour / 10 : minuteOfHour < 30 ? 1 : (45 - minuteOfHour) / 15;
    const burst = rng.poisson(Math.max(1, settings.ratePerMinute) * 4 * intensity);
    for (let j = 0; j < burst; j++) {
      out.push(
        streamMention(rng, settings, outage, minute, base + j, 'negative', rng.pick(OUTAGE_TEMPLATES)),
      );
    }
  }
  return out.sort((a, b) => a.published_at - b.published_at || a.native_id.localeCompare(b.native_id));
}

/** The stream's `index`-th mention of epoch `minute`, published at a random millisecond of it. */
function streamMention(
  rng: Random,
  settings: DemoStreamSettings,
  brand: BrandQuery,
  minute: number,
  index: number,
  tone: Tone,
  template: string,
): FetchedMention {
  const id = `demo-${settings.seed}-${minute}-${index}`;
  return buildMention(rng, brand, id, () => minute * MINUTE + rng.int(0, MINUTE - 1), tone, template);
}

/** How far back the first poll's backlog reaches (`options.backlog`). */
export const BACKLOG_SPAN_MS = 30 * 24 * HOUR;

/**
 * The `index`-th (0-based) of `size` backlog mentions: history the first poll returns before the stream,
 * spread evenly over the 30 days before `anchor` (that poll's clock), brands in turn, tones as in the
 * stream. A pure function of (seed, brands, size, anchor, index), so a page re-fetched after a crash
 * returns the same mentions.
 */
export function backlogMention(
  settings: DemoStreamSettings,
  brands: readonly BrandQuery[],
  size: number,
  anchor: number,
  index: number,
): FetchedMention {
  const rng = new Random(hashSeed(settings.seed, 'backlog', index));
  const brandIndex = index % brands.length;
  const [pos, neu] = TONE_MIX[brandIndex % TONE_MIX.length] as [number, number];
  const roll = rng.next();
  const tone: Tone = roll < pos ? 'positive' : roll < pos + neu ? 'neutral' : 'negative';
  const slot = BACKLOG_SPAN_MS / size;
  const publishedAt = (): number => Math.floor(anchor - BACKLOG_SPAN_MS + (index + rng.next()) * slot);
  const id = `demo-${settings.seed}-backlog-${index}`;
  return buildMention(
    rng,
    brands[brandIndex] as BrandQuery,
    id,
    publishedAt,
    tone,
    rng.pick(TEMPLATES[tone]),
  );
}

/** `publishedAt` is drawn where the stream always drew it, so stream mentions keep their exact contents. */
function buildMention(
  rng: Random,
  brand: BrandQuery,
  id: string,
  publishedAt: () => number,
  tone: Tone,
  template: string,
): FetchedMention {
  const kindRoll = rng.next();
  const kind: MentionKind = kindRoll < 0.55 ? 'post' : kindRoll < 0.8 ? 'comment' : 'review';
  const author = `${rng.pick(AUTHORS)}${rng.pick(AUTHOR_SUFFIXES)}`;
  const mention: FetchedMention = {
    source: 'demo',
    native_id: id,
    kind,
    url: `https://demo.earshot.invalid/${kind}s/${id}`,
    author,
    author_followers: rng.engagement(500),
    text: template.replaceAll('{brand}', brand.name),
    lang_hint: 'en',
    published_at: publishedAt(),
    engagement: {
      likes: rng.engagement(tone === 'negative' ? 40 : 20),
      shares: rng.engagement(5),
      replies: rng.engagement(tone === 'negative' ? 8 : 3),
      score: rng.engagement(30),
    },
  };
  if (kind === 'review') {
    const value = tone === 'positive' ? rng.int(4, 5) : tone === 'neutral' ? 3 : rng.int(1, 2);
    mention.rating = { value, scale: 5 };
    mention.title = `${value} stars for ${brand.name}`;
  }
  return mention;
}
