/**
 * Migration 7 on a database that already holds mentions: rows written before it read as "no thread, not the
 * brand's", re-ingesting them is "unchanged" (their state hash did not move), and the hourly aggregates stay
 * exact.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { createStore } from '../../../storage/client.js';
import { internals } from '../../../storage/internals.js';
import { MENTION_INSERT_COLUMNS, mentionLine } from '../../../storage/mention-row.js';
import { upsertMentions } from '../../../storage/mentions.js';
import { MIGRATIONS, migrate } from '../../../storage/migrations/index.js';
import { queryReadOnly } from '../../../storage/query.js';
import { mention } from './helpers.js';

const NEW_COLUMNS = ['in_reply_to', 'thread_id', 'reply_key', 'from_brand'];

describe('migration 7 (reply threads) over existing mentions', () => {
  it('gives old rows the defaults and leaves them unchanged on re-ingest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-m7-'));
    const store = await createStore({ mode: 'embedded', dataDir: join(dir, 'ch') }, silentLogger);
    try {
      await migrate(
        store,
        silentLogger,
        MIGRATIONS.filter((m) => m.version < 7),
      );
      // A mention written the way the writer did before migration 7: without the four columns.
      const old = mention({ native_id: 'old-1' });
      const line = mentionLine(old, 1, '2026-03-02 10:00:00.000', undefined)
        .line.split('\t')
        .slice(0, MENTION_INSERT_COLUMNS.length - NEW_COLUMNS.length)
        .join('\t');
      const { client, table } = internals(store);
      await client.command({
        query: `INSERT INTO ${table('mentions')} (${MENTION_INSERT_COLUMNS.filter((c) => !NEW_COLUMNS.includes(c)).join(', ')}) FORMAT TabSeparated\n${line}\n`,
      });
      await migrate(store);
      const { rows } = await queryReadOnly(
        store,
        "SELECT in_reply_to, thread_id, reply_key, from_brand FROM mentions FINAL WHERE native_id = 'old-1'",
      );
      expect(rows).toEqual([['', '', '', 0]]);
      expect(await upsertMentions(store, [old])).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
      const volume = await queryReadOnly(store, 'SELECT sum(volume) FROM mention_hourly');
      expect(volume.rows).toEqual([['1']]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
