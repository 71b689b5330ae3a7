/**
 * Normalizes GitHub issue search results (`/search/issues` envelopes, and plain issue arrays such as
 * `/repos/{owner}/{repo}/issues`) into `FetchedMention`s. Pure: no network, used by the connector and by
 * `earshot connectors parse`.
 */
import { z } from 'zod';
import type { ParsedBody } from '../../core/connector.js';
import type { FetchedMention } from '../../core/mention.js';
import {
  engagement,
  field,
  normalizeMentions,
  readJsonEnvelope,
  readRecord,
  requireJsonEnvelope,
} from '../shared/records.js';

/** The parts of a search response the connector reads. */
export interface IssueSearchBody {
  items: unknown[];
  totalCount?: number;
  /** True when GitHub timed out and the page may miss matches. */
  incompleteResults: boolean;
}

const SearchBodySchema = z.union([
  field.records.transform((items): IssueSearchBody => ({ items, incompleteResults: false })),
  z
    .object({
      items: field.records,
      total_count: field.maybeNumber,
      incomplete_results: z.unknown(),
    })
    .transform((json): IssueSearchBody => ({
      items: json.items,
      totalCount: json.total_count,
      incompleteResults: json.incomplete_results === true,
    })),
]);

/** Parses a JSON body as a search envelope or an issue array; returns undefined for anything else. */
export function readIssueSearchBody(body: string): IssueSearchBody | undefined {
  return readJsonEnvelope(SearchBodySchema, body);
}

/** The fields of an issue or pull request the connector reads; the rest of the record is ignored. */
const IssueSchema = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  html_url: z.string().startsWith('http'),
  title: z.string(),
  created_at: field.date,
  body: field.text,
  user: z.object({ login: field.text }).catch({ login: '' }),
  reactions: z.object({ total_count: field.count }).catch({ total_count: 0 }),
  comments: field.count,
});

/**
 * Normalizes one issue or pull request.
 * @throws InvalidRecordError when id, html_url, title or created_at is missing or malformed.
 */
export function normalizeIssue(raw: unknown, sourceId = 'github'): FetchedMention {
  const issue = readRecord(IssueSchema, raw, 'GitHub issue', sourceId);
  const body = issue.body.trim();
  return {
    source: 'github',
    native_id: issue.id,
    kind: 'post',
    url: issue.html_url,
    author: issue.user.login,
    title: issue.title,
    text: body ? `${issue.title}\n\n${body}` : issue.title,
    published_at: issue.created_at,
    engagement: engagement(issue.reactions.total_count, 0, issue.comments),
  };
}

/**
 * `ConnectorDefinition.parse` for GitHub: normalizes a search envelope or an issue array.
 * @throws InvalidRecordError for any other body (an error envelope, HTML, garbage).
 */
export function parseGithubBody(body: string, sourceId = 'github'): ParsedBody {
  const expected = 'a GitHub issue search result (expected {"items": [...]} or an issue array)';
  const { items } = requireJsonEnvelope(SearchBodySchema, body, expected, sourceId);
  return normalizeMentions(items, normalizeIssue, sourceId);
}
