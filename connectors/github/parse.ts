/**
 * Normalizes GitHub issue search results (`/search/issues` envelopes, and plain issue arrays such as
 * `/repos/{owner}/{repo}/issues`) into `FetchedMention`s. Pure: no network, used by the connector and by
 * `earshot connectors parse`.
 */
import type { ParsedBody } from '../../core/connector.js';
import { InvalidRecordError } from '../../core/errors.js';
import type { FetchedMention } from '../../core/mention.js';
import { describeBody as preview } from '../http.js';

/** The parts of a search response the connector reads. */
export interface IssueSearchBody {
  items: unknown[];
  totalCount?: number;
  /** True when GitHub timed out and the page may miss matches. */
  incompleteResults: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Parses a JSON body as a search envelope or an issue array; returns undefined for anything else. */
export function readIssueSearchBody(body: string): IssueSearchBody | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (Array.isArray(json)) return { items: json, incompleteResults: false };
  if (!isObject(json) || !Array.isArray(json.items)) return undefined;
  return {
    items: json.items,
    totalCount: typeof json.total_count === 'number' ? json.total_count : undefined,
    incompleteResults: json.incomplete_results === true,
  };
}

/**
 * Normalizes one issue or pull request.
 * @throws InvalidRecordError when id, html_url, title or created_at is missing or malformed.
 */
export function normalizeIssue(issue: unknown, sourceId = 'github'): FetchedMention {
  const invalid = (why: string) => new InvalidRecordError(`GitHub issue skipped: ${why}`, sourceId);
  if (!isObject(issue) || (typeof issue.id !== 'number' && typeof issue.id !== 'string'))
    throw invalid('no "id"');
  const id = String(issue.id);
  if (typeof issue.html_url !== 'string' || !issue.html_url.startsWith('http'))
    throw invalid(`no html_url on ${id}`);
  if (typeof issue.title !== 'string') throw invalid(`no title on ${id}`);
  const publishedAt = typeof issue.created_at === 'string' ? Date.parse(issue.created_at) : NaN;
  if (!Number.isFinite(publishedAt)) throw invalid(`no valid created_at on ${id}`);
  const body = typeof issue.body === 'string' ? issue.body.trim() : '';
  const user = isObject(issue.user) && typeof issue.user.login === 'string' ? issue.user.login : '';
  const reactions = isObject(issue.reactions) ? issue.reactions : {};
  return {
    source: 'github',
    native_id: id,
    kind: 'post',
    url: issue.html_url,
    author: user,
    title: issue.title,
    text: body ? `${issue.title}\n\n${body}` : issue.title,
    published_at: publishedAt,
    engagement: { likes: count(reactions.total_count), shares: 0, replies: count(issue.comments), score: 0 },
  };
}

/** Normalizes a page of issues; malformed ones are skipped and counted. */
export function normalizeIssues(items: unknown[], sourceId?: string): ParsedBody {
  const mentions: FetchedMention[] = [];
  let skippedInvalid = 0;
  for (const item of items) {
    try {
      mentions.push(normalizeIssue(item, sourceId));
    } catch (error) {
      if (!(error instanceof InvalidRecordError)) throw error;
      skippedInvalid += 1;
    }
  }
  return { mentions, skippedInvalid };
}

/**
 * `ConnectorDefinition.parse` for GitHub: normalizes a search envelope or an issue array.
 * @throws InvalidRecordError for any other body (an error envelope, HTML, garbage).
 */
export function parseGithubBody(body: string, sourceId = 'github'): ParsedBody {
  const parsed = readIssueSearchBody(body);
  if (!parsed)
    throw new InvalidRecordError(
      `not a GitHub issue search result (expected {"items": [...]} or an issue array; got ${preview(body)})`,
      sourceId,
    );
  return normalizeIssues(parsed.items, sourceId);
}
