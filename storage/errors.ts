/**
 * Storage error classes. All extend core's `StorageError`; the subclass names what the caller should do.
 */
import { StorageError } from '../core/errors.js';

/**
 * Another process (normally `earshot up`) holds chDB's lock on the data directory. chDB allows one process per
 * data dir; use `earshot sql` (which talks to the running process's SQL endpoint) or stop that process.
 */
export class DataDirLockedError extends StorageError {
  override name = 'DataDirLockedError' as const;
  constructor(
    readonly dataDir: string,
    options?: { cause?: unknown },
  ) {
    super(
      `The data directory ${dataDir} is in use by another Earshot process (probably \`earshot up\`). ` +
        'chDB allows one process per data directory: query it with `earshot sql` while it runs, or stop it first.',
      options,
    );
  }
}

/** A migration recorded as applied no longer matches the code (edited after release); fatal, needs a new migration. */
export class MigrationError extends StorageError {
  override name = 'MigrationError' as const;
}

/**
 * A read-only query was refused before or by ClickHouse: it writes, holds several statements, or is not valid SQL.
 * `clickhouseCode` carries ClickHouse's error code when the engine refused it.
 */
export class QueryRejectedError extends StorageError {
  override name = 'QueryRejectedError' as const;
  constructor(
    message: string,
    readonly clickhouseCode?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A mention handed to the writer cannot be stored (non-finite number, date out of range); fix the producer. */
export class InvalidMentionError extends StorageError {
  override name = 'InvalidMentionError' as const;
}
