/**
 * Normalizes Mastodon `Status` entities (hashtag timeline arrays and `/api/v2/search` envelopes) into
 * `FetchedMention`s. Pure: no network, used by the connector and by `earshot connectors parse`.
 */
import { z } from 'zod';
import type { ParsedBody } from '../../core/connector.js';
import type { FetchedMention } from '../../core/mention.js';
import {
  engagement,
  field,
  fieldsOf,
  invalidRecord,
  normalizeAll,
  readJsonEnvelope,
  readRecord,
  requireJsonEnvelope,
} from '../shared/records.js';
import { htmlToText } from '../shared/text.js';

/** A normalized status plus its instance-local id, which `since_id` / `max_id` page by. */
export interface NormalizedStatus {
  mention: FetchedMention;
  /** Instance-local snowflake id (decimal string). */
  id: string;
}

/** Compares two Mastodon ids (decimal strings of any length) numerically. */
export { compareDecimalIds as compareIds } from '../shared/decimal-ids.js';

/** The fields of an Account the connector reads. */
const AccountSchema = z.object({
  ...fieldsOf(field.text, 'acct', 'url'),
  followers_count: field.maybeNumber,
});

/** `user@host` for an account: remote accounts already carry the host; local ones get it from `url`. */
function qualifiedAcct({ acct, url }: z.output<typeof AccountSchema>): string {
  if (!acct || acct.includes('@') || !URL.canParse(url)) return acct;
  return `${acct}@${new URL(url).host}`;
}

/** The fields of a Status (or the status a reblog boosts) the connector reads. */
const PostSchema = z.object({
  id: field.maybeText,
  uri: field.nonEmpty,
  account: AccountSchema,
  content: z.string(),
  created_at: field.date,
  ...fieldsOf(field.text, 'spoiler_text', 'url', 'language'),
  in_reply_to_id: field.maybeText,
  ...fieldsOf(field.count, 'favourites_count', 'reblogs_count', 'quotes_count', 'replies_count'),
});

const StatusSchema = z.object({
  id: z.string().regex(/^\d+$/, 'not a numeric id'),
  reblog: field.maybeObject,
});

const WHAT = 'Mastodon status';

/**
 * Normalizes one Status. A reblog is replaced by the status it boosts (the same post, one native id).
 * @throws InvalidRecordError when id, uri, account, content or created_at is missing or malformed.
 */
export function normalizeStatus(raw: unknown, sourceId = 'mastodon'): NormalizedStatus {
  const { id, reblog } = readRecord(StatusSchema, raw, WHAT, sourceId);
  const post = readRecord(PostSchema, reblog ?? raw, WHAT, sourceId);
  const author = qualifiedAcct(post.account);
  if (!author) throw invalidRecord(WHAT, raw, sourceId, 'no account acct');
  const spoiler = post.spoiler_text.trim();
  const body = htmlToText(post.content);
  const mention: FetchedMention = {
    source: 'mastodon',
    // `id` is local to the instance that served it; `uri` is the post's global ActivityPub id.
    native_id: post.uri,
    kind: post.in_reply_to_id === undefined ? 'post' : 'comment',
    url: post.url || post.uri,
    author,
    text: spoiler ? (body ? `${spoiler}\n\n${body}` : spoiler) : body,
    published_at: post.created_at,
    engagement: engagement(post.favourites_count, post.reblogs_count + post.quotes_count, post.replies_count),
  };
  if (spoiler) mention.title = spoiler;
  if (post.account.followers_count !== undefined) mention.author_followers = post.account.followers_count;
  if (post.language) mention.lang_hint = post.language.split('-')[0]!.toLowerCase();
  // Replies name their parent by its instance-local id, so that id is how replies find this post.
  if (post.id) mention.reply_key = post.id;
  if (post.in_reply_to_id) mention.in_reply_to = post.in_reply_to_id;
  return { mention, id };
}

const StatusListSchema = z.union([
  field.records,
  z.object({ statuses: field.records }).transform((b) => b.statuses),
]);

/** The statuses of a body: a timeline array, or the `statuses` of a v2 search envelope; else undefined. */
export function readStatuses(body: string): unknown[] | undefined {
  return readJsonEnvelope(StatusListSchema, body);
}

/**
 * `ConnectorDefinition.parse` for Mastodon: normalizes a timeline array or a v2 search body.
 * @throws InvalidRecordError for any other body (an `{error}` envelope, HTML, garbage).
 */
export function parseMastodonBody(body: string, sourceId = 'mastodon'): ParsedBody {
  const expected = 'a Mastodon status list (expected a timeline array or a v2 search result)';
  const statuses = requireJsonEnvelope(StatusListSchema, body, expected, sourceId);
  const { records, skippedInvalid } = normalizeAll(statuses, normalizeStatus, sourceId);
  return { mentions: records.map((s) => s.mention), skippedInvalid };
}
