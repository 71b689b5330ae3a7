/**
 * Language detection: a fast English check (ASCII text or English function words) before franc-min,
 * so short English posts are never sent to the trigram detector and never come back `unscored`.
 */
import { franc } from 'franc-min';
import { Kind, type Tokenized } from './text.js';

// Local copies: hot loops avoid the import-binding getters a transpiling loader (tsx) adds.
const { Word: K_WORD } = Kind;

/** Frequent function words of the languages we score; a cheap vote before the trigram detector. */
const STOPWORDS: Record<string, string> = {};
const LISTS: Record<string, string> = {
  en: 'the a an and or of to in on for with is are was were be been am i you he she it we they my your our their me us him her them this that these those not no but at from have has had do does did will would can could should just so if what when how why who all get got im dont its been about out up again never any only after before still now than then there here very too also back over',
  es: 'el la los las de del y en que es un una por con para no se lo al como mas pero muy su sus mi yo esta este eso fue son ser hay tiene porque cuando nos ya',
  pt: 'o os as de do da dos das e em que um uma por com para nao se ao como mais mas muito seu sua meu eu esta este isso foi sao ser tem porque quando nos ja voce',
  fr: 'le la les de des du et en que un une pour avec pas ne se au aux comme plus mais tres son sa mon je est cette ce il elle nous vous ils sont sur dans qui',
  de: 'der die das den dem des und ist nicht ein eine einen mit zu von auf fur ich sie es wir ihr sehr aber oder wie war sind hat haben kein keine',
  it: 'il lo la gli le di del della e che un una per con non si come piu ma molto suo sua mio io questo questa sono ha hanno nel alla',
  nl: 'de het een en van in op met voor niet is zijn ik je we ze maar ook heel dat deze dit wat er naar bij geen',
};
for (const [lang, words] of Object.entries(LISTS)) {
  for (const w of words.split(' ')) STOPWORDS[w] ??= lang;
}
const VOTE_LANGS = Object.keys(LISTS);
const STOPWORD_LANG = new Map(Object.entries(STOPWORDS).map(([w, l]) => [w, VOTE_LANGS.indexOf(l)] as const));
/** Tokens read for the function-word vote. */
const VOTE_TOKENS = 120;

/** franc-min ISO 639-3 codes → ISO 639-1. Codes not listed come back as `und`. */
const ISO1: Record<string, string> = {
  eng: 'en',
  spa: 'es',
  por: 'pt',
  fra: 'fr',
  deu: 'de',
  ita: 'it',
  nld: 'nl',
  cat: 'ca',
  glg: 'gl',
  eus: 'eu',
  rus: 'ru',
  ukr: 'uk',
  pol: 'pl',
  ces: 'cs',
  slk: 'sk',
  ron: 'ro',
  hun: 'hu',
  swe: 'sv',
  dan: 'da',
  nob: 'no',
  fin: 'fi',
  tur: 'tr',
  ell: 'el',
  bul: 'bg',
  srp: 'sr',
  hrv: 'hr',
  bos: 'bs',
  slv: 'sl',
  lit: 'lt',
  lav: 'lv',
  arb: 'ar',
  pes: 'fa',
  heb: 'he',
  hin: 'hi',
  ben: 'bn',
  urd: 'ur',
  tam: 'ta',
  tel: 'te',
  mar: 'mr',
  jpn: 'ja',
  kor: 'ko',
  cmn: 'zh',
  vie: 'vi',
  tha: 'th',
  ind: 'id',
  zlm: 'ms',
  tgl: 'tl',
  swh: 'sw',
  afr: 'af',
  azj: 'az',
  uzn: 'uz',
  kaz: 'kk',
  amh: 'am',
  hau: 'ha',
  yor: 'yo',
  ibo: 'ig',
  som: 'so',
  nep: 'ne',
  sin: 'si',
  mya: 'my',
  khm: 'km',
  pan: 'pa',
  guj: 'gu',
  kan: 'kn',
  mal: 'ml',
  ory: 'or',
  ckb: 'ku',
  uig: 'ug',
  bel: 'be',
  tuk: 'tk',
};

/**
 * Detects the language of `text` (tokenized as `tk`): ISO 639-1 code, or `und` when there are no words.
 * `hint` (the source's declared language) decides when the detector is unsure.
 */
export function detectLanguage(text: string, tk: Tokenized, hint?: string): string {
  if (tk.words === 0) return 'und';
  const votes = new Array<number>(VOTE_LANGS.length).fill(0);
  // The first VOTE_TOKENS tokens decide: a 2 KB review need not be read to the end.
  const tokens = tk.tokens;
  const end = Math.min(tokens.length, VOTE_TOKENS);
  for (let i = 0; i < end; i++) {
    const t = tokens[i]!;
    if (t.kind !== K_WORD) continue;
    const lang = STOPWORD_LANG.get(t.text);
    if (lang !== undefined) votes[lang]!++;
  }
  let best = 0;
  for (let i = 1; i < votes.length; i++) if (votes[i]! > votes[best]!) best = i;
  const top = votes[best]!;
  let second = 0;
  for (let i = 0; i < votes.length; i++) if (i !== best && votes[i]! > second) second = votes[i]!;
  const english = votes[0]!;
  // Clear function-word vote: no need for the (much slower) trigram detector.
  if (top >= 1 && top >= 2 * second + (best === 0 ? 0 : 1)) return VOTE_LANGS[best]!;
  // Short ASCII posts default to English; franc is unreliable on them.
  if (!tk.nonAscii && (tk.words <= 3 || (english >= 1 && english >= top))) return hint ?? 'en';
  const code = franc(text.length > 2000 ? text.slice(0, 2000) : text, { minLength: 5 });
  if (code === 'und') return hint ?? (tk.nonAscii ? 'und' : 'en');
  const iso = ISO1[code] ?? 'und';
  // Trigram detectors confuse close languages on short text; trust the English signal if present.
  if (iso !== 'en' && english >= 1 && tk.words <= 8 && !tk.nonAscii) return 'en';
  // Plain-ASCII posts are mostly English: franc's guess of another language needs support, either two of
  // that language's function words or (for languages without a list) a longer text. Otherwise brand tweets
  // such as "Love love love iOS 5!! @apple" came back Spanish (3–6 % of English tweets were misrouted).
  if (iso !== 'en' && !tk.nonAscii) {
    const v = VOTE_LANGS.indexOf(iso);
    if (v >= 0 ? votes[v]! < 2 : tk.words <= 12) return hint ?? 'en';
  }
  return iso;
}
