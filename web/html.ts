/**
 * The auto-escaping HTML template of the web view and the reports: `html\`<p>${text}</p>\`` escapes every
 * interpolated value (text and attribute contexts alike), so untrusted posts, authors and titles can only ever
 * appear as text. Only another `html` fragment is inserted as markup; there is no "raw string" escape hatch.
 */

const SAFE = Symbol('safe-html');

/** A fragment of markup produced by `html` (or `joinHtml`); the only thing inserted unescaped. */
export interface SafeHtml {
  readonly [SAFE]: true;
  readonly markup: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

/** A value a template accepts: text (escaped), numbers, fragments, lists of those; null/undefined/false print nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function isSafe(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && (value as Partial<SafeHtml>)[SAFE] === true;
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map((v) => render(v as HtmlValue)).join('');
  if (isSafe(value)) return value.markup;
  return escapeHtml(String(value));
}

function fragment(markup: string): SafeHtml {
  return { [SAFE]: true, markup };
}

/** The template tag: literal parts are markup, every `${value}` is escaped unless it is a `SafeHtml`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0] ?? '';
  values.forEach((value, i) => {
    markup += render(value) + (strings[i + 1] ?? '');
  });
  return fragment(markup);
}

/**
 * Markup that is trusted by construction and not text: an SVG chart that ECharts' server renderer produced
 * from numbers and escaped labels. Named loudly so a reviewer sees every use.
 */
export function trustedRendererOutput(markup: string): SafeHtml {
  return fragment(markup);
}

/** The finished document's text. */
export function toHtmlString(value: SafeHtml): string {
  return value.markup;
}

/**
 * JSON for a `<script type="application/json">` data block: `<`, `>`, `&` and the JS line separators are
 * escaped, so no text inside can close the element or start markup.
 */
export function jsonForScript(value: unknown): SafeHtml {
  const json = JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return fragment(json);
}
