/** Labeled examples and the 3-class label indices shared by training and evaluation. */

/** 0 = negative, 1 = neutral, 2 = positive (the order of `CLASSES`). */
export type ClassIndex = 0 | 1 | 2;

/** One labeled text. */
export interface LabeledText {
  text: string;
  label: ClassIndex;
}

/** Decodes the HTML entities and literal `\uXXXX` escapes the public data sets carry. */
export function cleanText(text: string): string {
  let s = text;
  if (s.includes('\\u'))
    s = s.replace(/\\u([0-9a-fA-F]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  if (s.includes('&')) {
    s = s
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  }
  return s;
}
