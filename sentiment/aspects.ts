/**
 * Aspects of customer-service text: their keywords, and the per-word lookup the single extraction pass
 * (`features.ts`) uses to find them and the sentences that mention them. Each aspect has a stable id (stored
 * in ClickHouse and shown in dashboards and alerts); see docs/sentiment.md.
 */
import { CONTRAST } from './lexicon.js';

/** Stable aspect ids and their keywords (lower-case tokens; two-word entries match consecutive tokens). */
export const ASPECT_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  support: [
    'support',
    'customer service',
    'customerservice',
    'service desk',
    'helpdesk',
    'help desk',
    'agent',
    'agents',
    'representative',
    'rep',
    'reps',
    'hotline',
    'call center',
    'callcenter',
    'customer care',
    'ticket',
    'complaint',
    'complaints',
    'response',
    'respond',
    'responded',
    'reply',
    'replied',
    'dm',
    'chat',
    'helpline',
    'cs',
  ],
  staff: [
    'staff',
    'crew',
    'employee',
    'employees',
    'attendant',
    'attendants',
    'pilot',
    'pilots',
    'captain',
    'manager',
    'cashier',
    'waiter',
    'waitress',
    'driver',
    'personnel',
    'rude',
    'polite',
    'courteous',
    'friendly',
    'unprofessional',
    'professional',
    'attitude',
    'gate agent',
    'flight attendant',
  ],
  wait_time: [
    'wait',
    'waiting',
    'waited',
    'delay',
    'delayed',
    'delays',
    'hold',
    'queue',
    'line',
    'hours',
    'hrs',
    'hour',
    'minutes',
    'mins',
    'late',
    'slow',
    'forever',
    'on time',
    'tarmac',
    'eta',
  ],
  price: [
    'price',
    'prices',
    'pricing',
    'cost',
    'costs',
    'expensive',
    'cheap',
    'overpriced',
    'fee',
    'fees',
    'charge',
    'charged',
    'charges',
    'bill',
    'billing',
    'billed',
    'refund',
    'refunds',
    'refunded',
    'money',
    'payment',
    'paid',
    'pay',
    'subscription',
    'invoice',
    'voucher',
    'compensation',
    'value',
    'deal',
    'discount',
    'overcharged',
  ],
  quality: [
    'quality',
    'broken',
    'defective',
    'faulty',
    'durable',
    'flimsy',
    'cheaply',
    'build',
    'battery',
    'screen',
    'product',
    'material',
    'taste',
    'fresh',
    'stale',
    'works',
    'design',
    'comfortable',
    'uncomfortable',
    'seat',
    'seats',
    'food',
    'legroom',
    'clean',
    'dirty',
  ],
  delivery: [
    'delivery',
    'deliver',
    'delivered',
    'shipping',
    'shipped',
    'ship',
    'shipment',
    'package',
    'parcel',
    'courier',
    'tracking',
    'arrived',
    'arrive',
    'order',
    'ordered',
    'luggage',
    'baggage',
    'bag',
    'bags',
    'suitcase',
  ],
  website_app: [
    'website',
    'site',
    'app',
    'apps',
    'online',
    'booking',
    'book',
    'booked',
    'checkout',
    'login',
    'log in',
    'password',
    'account',
    'web',
    'ios',
    'android',
    'page',
    'portal',
    'reservation',
    'check in',
    'checkin',
    'boarding pass',
    'update',
  ],
  reliability: [
    'outage',
    'outages',
    'down',
    'crash',
    'crashed',
    'crashes',
    'crashing',
    'error',
    'errors',
    'bug',
    'bugs',
    'glitch',
    'offline',
    'unreliable',
    'reliable',
    'cancelled',
    'canceled',
    'cancellation',
    'not working',
    "doesn't work",
    'stopped working',
    'broke',
    'freezes',
    'frozen',
    'unavailable',
  ],
};

/** Aspect ids in a stable order. */
export const ASPECTS: readonly string[] = Object.keys(ASPECT_KEYWORDS);

const single = new Map<string, number[]>();
const pairs = new Map<string, Map<string, number[]>>();
ASPECTS.forEach((aspect, a) => {
  for (const kw of ASPECT_KEYWORDS[aspect] ?? []) {
    const [first, second] = kw.split(' ') as [string, string | undefined];
    if (second === undefined) single.set(first, [...(single.get(first) ?? []), a]);
    else {
      const m = pairs.get(first) ?? new Map<string, number[]>();
      m.set(second, [...(m.get(second) ?? []), a]);
      pairs.set(first, m);
    }
  }
});

/** Aspect data of one word (see {@link aspectEntry}). */
export interface VocabEntry {
  single: number[] | undefined;
  pairs: Map<string, number[]> | undefined;
  /** `but`, `however`…: ends the current sentence. */
  contrast: boolean;
}
const VOCAB = new Map<string, VocabEntry>();
for (const w of new Set([...single.keys(), ...pairs.keys(), ...CONTRAST]))
  VOCAB.set(w, { single: single.get(w), pairs: pairs.get(w), contrast: CONTRAST.has(w) });

/** Aspect data of `word`: its aspects, two-word keywords it starts, whether it ends a sentence. */
export function aspectEntry(word: string): VocabEntry | undefined {
  return VOCAB.get(word);
}

/** Records that `sentence` mentions each of `aspects`. */
export function mark(hits: Map<number, Set<number>>, sentence: number, aspects: number[] | undefined): void {
  if (!aspects) return;
  for (const a of aspects) {
    const set = hits.get(a);
    if (set) set.add(sentence);
    else hits.set(a, new Set([sentence]));
  }
}
