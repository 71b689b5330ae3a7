/**
 * Customer-service cues the general-tweet classifier misses: implicit complaints that state a fact of failure
 * with no sentiment word (a delay, a loss, an hour on hold, "still no refund", "3rd time this week",
 * unanswered contact), and questions / requests that should stay neutral unless they carry a complaint.
 * Looked up once per distinct word (features.ts caches the flags with the word); the weights that turn them into
 * logit shifts are in analyzer.ts, fitted on the customer-service DEV set and reported on its TEST set.
 */

/** Cue flags of one word (bit set). */
export const CUE_FAILURE = 1; // a fact of failure: delayed, lost, broken, stuck, outage…
export const CUE_WEAK = 2; // a weak failure hint: waiting, can't, another…
export const CUE_UNIT = 4; // a duration unit: hours, days, weeks (a failure after a number or "an")
export const CUE_QUANT = 8; // a number-like word before a unit: 2, an, another, few
export const CUE_NO = 16; // "no" (a failure when followed by a noun other than problem/complaints…)
export const CUE_NO_OK = 32; // what follows "no" in praise: problem, complaints, worries…
export const CUE_ASK = 64; // a question or request opener: can, how, is, please…
export const CUE_WHY = 128; // "why": a complaint in question form
export const CUE_TIMES = 256; // "time(s)" after a number or an ordinal: repetition
export const CUE_ORDINAL = 512; // 2nd, 3rd, second, third…

const FAILURE = [
  'delayed',
  'delay',
  'delays',
  'cancelled',
  'canceled',
  'cancelling',
  'lost',
  'losing',
  'missing',
  'missed',
  'broken',
  'broke',
  'damaged',
  'dented',
  'scratched',
  'ripped',
  'torn',
  'crushed',
  'smashed',
  'soaked',
  'ruined',
  'stuck',
  'stranded',
  'bumped',
  'overcharged',
  'overbooked',
  'oversold',
  'stolen',
  'wrong',
  'crashed',
  'crashes',
  'crashing',
  'freezes',
  'froze',
  'frozen',
  'error',
  'errors',
  'outage',
  'outages',
  'down',
  'dropped',
  'dropping',
  'disconnected',
  'hung',
  'ignored',
  'ignoring',
  'refused',
  'denied',
  'lied',
  'useless',
  'never',
  'nobody',
  'noone',
  'nothing',
  'zero',
  'still',
  'again',
  'forever',
  'supposed',
  'promised',
  'downgraded',
  'charged',
  'twice',
  'late',
  'unanswered',
  'yelled',
  'shouting',
  'screamed',
  'rude',
  'grounded',
  'timing',
  'failed',
  'fails',
  'failing',
  'empty',
  'cold',
  'worthless',
];
const WEAK = [
  'waiting',
  'waited',
  'wait',
  'hold',
  'another',
  "haven't",
  'havent',
  "hasn't",
  'hasnt',
  "didn't",
  'didnt',
  "won't",
  'wont',
  "can't",
  'cant',
  'cannot',
  "couldn't",
  "doesn't",
  'doesnt',
  "isn't",
  "wasn't",
  "weren't",
  'fee',
  'fees',
  'only',
  'really',
];
const UNITS = ['hour', 'hours', 'hrs', 'hr', 'days', 'weeks', 'week', 'months', 'month', 'mins', 'minutes'];
const QUANT = ['an', 'another', 'few', 'several', 'two', 'three', 'four', 'five', 'six', 'ten', 'half'];
const NO_OK = [
  'problem',
  'problems',
  'complaints',
  'complaint',
  'worries',
  'issues',
  'issue',
  'doubt',
  'hassle',
];
const ASK = [
  'can',
  'could',
  'how',
  'what',
  "what's",
  'whats',
  'is',
  'are',
  'do',
  'does',
  'will',
  'when',
  'where',
  'which',
  'who',
  'any',
  'should',
  'would',
  'may',
  "i'd",
  'please',
  'pls',
  'plz',
  'hi',
  'hello',
  'hey',
  'need',
  'sent',
  'dm',
  'following',
  'heading',
  'flying',
  'booked',
  'just',
];
const ORDINALS = ['2nd', '3rd', '4th', '5th', '6th', '7th', 'second', 'third', 'fourth', 'fifth', 'sixth'];

const FLAGS = new Map<string, number>();
const add = (words: readonly string[], flag: number): void => {
  for (const w of words) FLAGS.set(w, (FLAGS.get(w) ?? 0) | flag);
};
add(FAILURE, CUE_FAILURE);
add(WEAK, CUE_WEAK);
add(UNITS, CUE_UNIT);
add(QUANT, CUE_QUANT);
add(['no'], CUE_NO);
add(NO_OK, CUE_NO_OK);
add(ASK, CUE_ASK);
add(['why'], CUE_WHY);
add(['time', 'times'], CUE_TIMES);
add(ORDINALS, CUE_ORDINAL);

/** Cue flags of a lower-cased token (0 for most words); numbers count as {@link CUE_QUANT}. */
export function cueFlags(word: string): number {
  const f = FLAGS.get(word) ?? 0;
  const c = word.charCodeAt(0);
  return c >= 48 && c <= 57 ? f | CUE_QUANT : f;
}
