import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ticketsFileConnector } from '../../../connectors/tickets-file/index.js';
import { filesPosition } from '../../../connectors/shared/file-page.js';
import type { FilesCursor } from '../../../connectors/shared/file-tail.js';
import { runConformanceSuite } from './conformance.js';
import { drain, instance, rejection } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'earshot-tickets-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csvFile = join(dir, 'tickets.csv');
writeFileSync(
  csvFile,
  'ticket_id,created_at,first_reply_minutes,solved_at,reopens,via,subject,description,product\n' +
    '101,2026-03-01T09:00:00Z,15,2026-03-01T10:00:00Z,0,email,Refund,"Where is my refund?\nOrder 42",Acme\n' +
    '102,2026-03-01T09:30:00Z,90,,0,chat,Login,Cannot log in,Acme\n' +
    '103,2026-03-01T10:00:00Z,,yes,2,phone,Billing,Charged twice,Globex\n',
);
const options = (path: string, extra: Record<string, unknown> = {}) => ({
  path,
  columns: {
    id: 'ticket_id',
    firstResponse: 'first_reply_minutes',
    resolved: 'solved_at',
    reopened: 'reopens',
    channel: 'via',
    text: 'description',
    subject: 'subject',
    brand: 'product',
  },
  firstResponseUnit: 'minutes',
  ticketUrl: 'https://acme.zendesk.example/agent/tickets/{id}',
  settleSeconds: 0,
  ...extra,
});
const brands = [
  { key: 'acme', name: 'Acme', query: 'acme' },
  { key: 'globex', name: 'Globex', query: 'globex' },
];

runConformanceSuite<unknown, FilesCursor>({
  definition: ticketsFileConnector as never,
  options: () => options(csvFile, { maxRowsPerPage: 2 }),
  brands,
  cursorPosition: filesPosition,
  pages: [{ title: 'a help-desk CSV export', setup: () => {}, minMentions: 3 }],
});

const all = async (opts: Record<string, unknown>, sourceBrands = brands) => {
  const pages = await drain(
    instance(ticketsFileConnector, opts, { brands: sourceBrands, now: () => Date.now() }),
    null,
    50,
  );
  return {
    mentions: pages.flatMap((p) => p.mentions),
    skipped: pages.reduce((n, p) => n + p.skippedInvalid, 0),
  };
};

describe('tickets-file specifics', () => {
  it('maps the service fields: first response as a duration, resolved as a time or a flag, reopen counts', async () => {
    const { mentions } = await all(options(csvFile));
    expect(mentions.map((m) => [m.native_id, m.attributed_brand, m.kind, m.title, m.care])).toEqual([
      [
        '101',
        'acme',
        'ticket',
        'Refund',
        {
          kind: 'ticket',
          channel: 'email',
          created_at: Date.parse('2026-03-01T09:00:00Z'),
          first_response_ms: 15 * 60_000,
          resolved: true,
          resolved_at: Date.parse('2026-03-01T10:00:00Z'),
          reopened: 0,
          updated_at: Date.parse('2026-03-01T10:00:00Z'),
        },
      ],
      [
        '102',
        'acme',
        'ticket',
        'Login',
        expect.objectContaining({ first_response_ms: 90 * 60_000, resolved: false, reopened: 0 }),
      ],
      ['103', 'globex', 'ticket', 'Billing', expect.objectContaining({ resolved: true, reopened: 2 })],
    ]);
    expect(mentions[2]!.care).not.toHaveProperty('first_response_ms');
    expect(mentions[0]!.text).toBe('Where is my refund?\nOrder 42');
  });

  it('reads first responses given as times (JSON lines) and skips impossible rows with their line', async () => {
    const file = join(dir, 'tickets.jsonl');
    writeFileSync(
      file,
      [
        {
          id: 'a',
          created_at: '2026-03-01T09:00:00Z',
          first_response_at: '2026-03-01T09:05:00Z',
          text: 'hi',
        },
        { id: 'b', created_at: '2026-03-01T09:00:00Z', first_response_at: '2026-03-01T08:00:00Z', text: 'x' },
        { id: 'c', created_at: 'never', text: 'y' },
        { id: 'd', created_at: '2026-03-01T09:00:00Z', reopened: 'often', text: 'z' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
    );
    const { mentions, skipped } = await all({ path: file, settleSeconds: 0 }, brands.slice(0, 1));
    expect(mentions.map((m) => [m.native_id, m.care])).toEqual([
      ['a', expect.objectContaining({ first_response_ms: 5 * 60_000, resolved: false, channel: '' })],
    ]);
    expect(skipped).toBe(3);
  });

  it('names a mapped column the header lacks; null unmaps a defaulted one', async () => {
    const file = join(dir, 'minimal.csv');
    writeFileSync(file, 'id,created_at,text\n1,2026-03-01T09:00:00Z,hello\n');
    const error = await rejection(
      instance(ticketsFileConnector, { path: file, settleSeconds: 0 }, { now: () => Date.now() }).fetchPage(
        null,
      ),
    );
    expect(error.message).toMatch(/has no column "first_response_at" \(options\.columns\.firstResponse\)/);
    const unmapped = { firstResponse: null, resolved: null, reopened: null, channel: null };
    // Several brands without a brand column are refused; one brand is fine.
    const several = await rejection(
      instance(
        ticketsFileConnector,
        { path: file, settleSeconds: 0, columns: unmapped },
        { brands },
      ).fetchPage(null),
    );
    expect(several.message).toMatch(/lists 2 brands/);
    const one = await drain(
      instance(
        ticketsFileConnector,
        {
          path: file,
          settleSeconds: 0,
          columns: { firstResponse: null, resolved: null, reopened: null, channel: null },
        },
        { now: () => Date.now() },
      ),
    );
    expect(
      one.flatMap((p) => p.mentions).map((m) => [m.native_id, m.attributed_brand, m.care?.kind]),
    ).toEqual([['1', 'acme', 'ticket']]);
  });
});
