/**
 * Language detection: a fast English check (ASCII text or English function words) before franc-min,
 * so short English posts are never sent to the trigram detector and never come back `unscored`.
 */
import { franc } from 'franc-min';
import { Kind, type Tokenized } from './text.js';

const ENGLISH_FUNCTION_WORDS = new Set(
  'the a an and or of to in on for with is are was were be been i you he she it we they my your our their me this that not no but at from have has had do does did will would can could just so if what when how all get got im dont its'.split(
    ' ',
  ),
);

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
  let english = 0;
  for (const t of tk.tokens) if (t.kind === Kind.Word && ENGLISH_FUNCTION_WORDS.has(t.text)) english++;
  // English function words, or a post too short to tell: English (franc is unreliable on short text).
  if (english >= 2 && english * 5 >= tk.words) return 'en';
  if (!tk.nonAscii && tk.words <= 3) return hint ?? 'en';
  const code = franc(text.length > 2000 ? text.slice(0, 2000) : text, { minLength: 5 });
  if (code === 'und') return hint ?? (tk.nonAscii ? 'und' : 'en');
  const iso = ISO1[code] ?? 'und';
  // Trigram detectors confuse close languages on short text; trust the English signal if present.
  if (iso !== 'en' && english >= 1 && tk.words <= 8 && !tk.nonAscii) return 'en';
  return iso;
}
