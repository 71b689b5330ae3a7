/**
 * RSS 2.0 / RSS 1.0 / Atom documents → `FetchedMention`s, with the quirks of Google Alerts (redirect links,
 * `<b>` highlights), Google News (`<source>` publisher) and FeedBurner (whitespace before `<?xml`).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ParsedBody } from '../../core/connector.js';
import { InvalidRecordError, TransientSourceError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { describeBody, looksLikeHtml } from '../http.js';
import { engagement, normalizeMentions } from '../shared/records.js';
import { htmlToText, joinTitleAndBody, toEpochMs } from '../shared/text.js';

/** A parsed feed: raw items plus channel facts used while normalizing. */
export interface FeedDocument {
  format: 'rss' | 'atom';
  items: Record<string, unknown>[];
  /** Channel `<language>` primary subtag, e.g. `fr`. */
  language?: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['item', 'entry', 'link', 'category'].includes(name),
});

/**
 * Parses a feed body. @throws TransientSourceError for an HTML page, truncated or invalid XML, or XML that
 * is neither RSS nor Atom.
 */
export function parseFeedDocument(body: string, sourceId: string): FeedDocument {
  const xml = body.replace(/^\uFEFF/, '').trimStart();
  if (looksLikeHtml(xml)) {
    throw new TransientSourceError(
      `feed returned an HTML page instead of XML (${describeBody(xml)}); the service may be down or blocking us`,
      sourceId,
    );
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new TransientSourceError(
      `feed is not well-formed XML (${valid.err.msg} at line ${valid.err.line}; ${describeBody(xml)}); ` +
        'it may be truncated',
      sourceId,
    );
  }
  const doc = parser.parse(xml) as Record<string, unknown>;
  const feed = asObject(doc.feed);
  if (feed) return { format: 'atom', items: objects(feed.entry), language: lang(feed['@_xml:lang']) };
  const rss = asObject(doc.rss) ?? asObject(doc['rdf:RDF']);
  if (rss) {
    const channel = asObject(rss.channel) ?? {};
    const items = objects(channel.item ?? rss.item);
    return {
      format: 'rss',
      items,
      language: lang(textOf(channel.language) || textOf(channel['dc:language'])),
    };
  }
  throw new TransientSourceError(
    `document is XML but not an RSS or Atom feed (root: ${Object.keys(doc).join(', ') || 'none'})`,
    sourceId,
  );
}

/**
 * Normalizes one item/entry. `fallbackTime` is used when the item has no date (documented).
 * @throws InvalidRecordError when the item has no id/link or no text.
 */
export function normalizeFeedItem(
  item: Record<string, unknown>,
  { doc, sourceId, fallbackTime }: { doc: FeedDocument; sourceId: string; fallbackTime: number },
): FetchedMention {
  const url = itemLink(item);
  const id = textOf(item.guid) || textOf(item.id) || textOf(item['@_rdf:about']) || url;
  if (!id) throw new InvalidRecordError(`feed item without guid, id or link`, sourceId);
  if (!url || !/^https?:\/\/[^\s/]+/.test(url)) {
    throw new InvalidRecordError(`feed item ${id} has no usable link (${url || 'none'})`, sourceId);
  }
  const title = htmlToText(textOf(item.title));
  const body = htmlToText(
    textOf(item['content:encoded']) ||
      textOf(item.content) ||
      textOf(item.description) ||
      textOf(item.summary),
  );
  const text = joinTitleAndBody(title, body);
  if (!text) throw new InvalidRecordError(`feed item ${id} has no title or text`, sourceId);
  const published =
    toEpochMs(textOf(item.published)) ??
    toEpochMs(textOf(item.pubDate)) ??
    toEpochMs(textOf(item['dc:date'])) ??
    toEpochMs(textOf(item.updated)) ??
    fallbackTime;
  const mention: FetchedMention = {
    source: 'rss',
    native_id: id,
    kind: 'article',
    url,
    author: itemAuthor(item),
    text,
    published_at: published,
    engagement: engagement(0, 0, 0),
  };
  if (title) mention.title = title;
  if (doc.language) mention.lang_hint = doc.language;
  return mention;
}

/** Parses a whole feed body: valid items as mentions, invalid ones counted. */
export function parseFeed(body: string, sourceId = 'rss', fallbackTime = Date.now()): ParsedBody {
  const doc = parseFeedDocument(body, sourceId);
  const { mentions, skippedInvalid } = normalizeMentions(doc.items, normalizeFeedItem, {
    doc,
    sourceId,
    fallbackTime,
  });
  return { mentions: dedupe(mentions), skippedInvalid };
}

/** Google Alerts wraps targets as `https://www.google.com/url?…&url=<target>`; returns the target. */
export function unwrapGoogleRedirect(link: string): string {
  try {
    const u = new URL(link);
    if (/(^|\.)google\.[a-z.]+$/.test(u.hostname) && u.pathname === '/url') {
      return u.searchParams.get('url') ?? u.searchParams.get('q') ?? link;
    }
  } catch {
    return link;
  }
  return link;
}

function itemLink(item: Record<string, unknown>): string {
  const links = Array.isArray(item.link) ? (item.link as unknown[]) : [];
  let href = '';
  for (const link of links) {
    const obj = asObject(link);
    const rel = obj ? String(obj['@_rel'] ?? 'alternate') : 'alternate';
    const candidate = obj ? String(obj['@_href'] ?? obj['#text'] ?? '') : textOf(link);
    if (candidate && rel === 'alternate') {
      href = candidate;
      break;
    }
    if (candidate && !href) href = candidate;
  }
  const guid = asObject(item.guid);
  if (!href && guid && guid['@_isPermaLink'] !== 'false') href = textOf(item.guid);
  return unwrapGoogleRedirect(href.trim());
}

function itemAuthor(item: Record<string, unknown>): string {
  const atom = asObject(item.author);
  const name = atom ? textOf(atom.name) : textOf(item.author);
  const source = textOf(item.source);
  return htmlToText(textOf(item['dc:creator']) || name || source || '');
}

function dedupe(mentions: FetchedMention[]): FetchedMention[] {
  const seen = new Set<string>();
  return mentions.filter((m) => !seen.has(m.native_id) && seen.add(m.native_id));
}

/** Text content of a parsed node: strings, numbers, `{ '#text' }` objects, or the first array element. */
export function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node.trim();
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return textOf(node[0]);
  if (typeof node === 'object') return textOf((node as Record<string, unknown>)['#text']);
  return '';
}

function asObject(node: unknown): Record<string, unknown> | undefined {
  return node && typeof node === 'object' && !Array.isArray(node)
    ? (node as Record<string, unknown>)
    : undefined;
}

function objects(node: unknown): Record<string, unknown>[] {
  const list = Array.isArray(node) ? node : node === undefined ? [] : [node];
  return list.filter((x): x is Record<string, unknown> => asObject(x) !== undefined);
}

function lang(value: unknown): string | undefined {
  const primary = typeof value === 'string' ? value.trim().toLowerCase().split(/[-_]/)[0] : '';
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}
