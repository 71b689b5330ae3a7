/**
 * Normalizes Mastodon `Status` entities (hashtag timeline arrays and `/api/v2/search` envelopes) into
 * `FetchedMention`s. Pure: no network, used by the connector and by `earshot connectors parse`.
 */
import type { ParsedBody } from '../../core/connector.js';
import { InvalidRecordError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { describeBody as preview } from '../http.js';
import { htmlToText } from '../shared/text.js';

/** A normalized status plus its instance-local id, which `since_id` / `max_id` page by. */
export interface NormalizedStatus {
  mention: FetchedMention;
  /** Instance-local snowflake id (decimal string). */
  id: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Compares two Mastodon ids (decimal strings of any length) numerically. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `user@host` for an account: remote accounts already carry the host; local ones get it from `url`. */
function qualifiedAcct(account: Record<string, unknown>): string | undefined {
  const acct = typeof account.acct === 'string' && account.acct !== '' ? account.acct : undefined;
  if (!acct || acct.includes('@')) return acct;
  try {
    return typeof account.url === 'string' ? `${acct}@${new URL(account.url).host}` : acct;
  } catch {
    return acct;
  }
}

/**
 * Normalizes one Status. A reblog is replaced by the status it boosts (the same post, one native id).
 * @throws InvalidRecordError when id, uri, account, content or created_at is missing or malformed.
 */
export function normalizeStatus(status: unknown, sourceId = 'mastodon'): NormalizedStatus {
  const invalid = (why: string) => new InvalidRecordError(`Mastodon status skipped: ${why}`, sourceId);
  if (!isObject(status) || typeof status.id !== 'string' || !/^\d+$/.test(status.id))
    throw invalid('no numeric "id"');
  const id = status.id;
  const post = isObject(status.reblog) ? status.reblog : status;
  if (typeof post.uri !== 'string' || post.uri === '') throw invalid(`no "uri" on status ${id}`);
  if (!isObject(post.account)) throw invalid(`no account on status ${id}`);
  const author = qualifiedAcct(post.account);
  if (!author) throw invalid(`no account acct on status ${id}`);
  if (typeof post.content !== 'string') throw invalid(`no content on status ${id}`);
  const publishedAt = typeof post.created_at === 'string' ? Date.parse(post.created_at) : NaN;
  if (!Number.isFinite(publishedAt)) throw invalid(`no valid created_at on status ${id}`);
  const spoiler = typeof post.spoiler_text === 'string' ? post.spoiler_text.trim() : '';
  const body = htmlToText(post.content);
  const mention: FetchedMention = {
    source: 'mastodon',
    // `id` is local to the instance that served it; `uri` is the post's global ActivityPub id.
    native_id: post.uri,
    kind: typeof post.in_reply_to_id === 'string' ? 'comment' : 'post',
    url: typeof post.url === 'string' && post.url !== '' ? post.url : post.uri,
    author,
    text: spoiler ? (body ? `${spoiler}\n\n${body}` : spoiler) : body,
    published_at: publishedAt,
    engagement: {
      likes: count(post.favourites_count),
      shares: count(post.reblogs_count) + count(post.quotes_count),
      replies: count(post.replies_count),
      score: 0,
    },
  };
  if (spoiler) mention.title = spoiler;
  const followers = post.account.followers_count;
  if (typeof followers === 'number' && Number.isFinite(followers)) mention.author_followers = followers;
  if (typeof post.language === 'string' && post.language !== '')
    mention.lang_hint = post.language.split('-')[0]!.toLowerCase();
  return { mention, id };
}

/** Normalizes a list of statuses; malformed ones are skipped and counted. */
export function normalizeStatuses(
  statuses: unknown[],
  sourceId?: string,
): { statuses: NormalizedStatus[]; skipped: number } {
  const out: NormalizedStatus[] = [];
  let skipped = 0;
  for (const status of statuses) {
    try {
      out.push(normalizeStatus(status, sourceId));
    } catch (error) {
      if (!(error instanceof InvalidRecordError)) throw error;
      skipped += 1;
    }
  }
  return { statuses: out, skipped };
}

/** The statuses of a body: a timeline array, or the `statuses` of a v2 search envelope; else undefined. */
export function readStatuses(body: string): unknown[] | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (Array.isArray(json)) return json;
  if (isObject(json) && Array.isArray(json.statuses)) return json.statuses;
  return undefined;
}

/**
 * `ConnectorDefinition.parse` for Mastodon: normalizes a timeline array or a v2 search body.
 * @throws InvalidRecordError for any other body (an `{error}` envelope, HTML, garbage).
 */
export function parseMastodonBody(body: string, sourceId = 'mastodon'): ParsedBody {
  const statuses = readStatuses(body);
  if (!statuses)
    throw new InvalidRecordError(
      `not a Mastodon status list (expected a timeline array or a v2 search result; got ${preview(body)})`,
      sourceId,
    );
  const { statuses: normalized, skipped } = normalizeStatuses(statuses, sourceId);
  return { mentions: normalized.map((s) => s.mention), skippedInvalid: skipped };
}
