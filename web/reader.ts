/**
 * Where the web view and the reports get their data: named storage reads and expanded panel SQL, run
 * read-only. In `earshot up` it is the process's own store; `earshot report` may instead send the same
 * queries through the read-only endpoint of a running `earshot up` (the CLI builds that reader).
 */
import type { Store } from '../storage/client.js';
import { runPanelQuery } from '../storage/panel-query.js';
import { runReadQuery, type ReadQuery } from '../storage/read-query.js';
import type { PanelResult } from './chart-model.js';

/** Read-only access to the data. */
export interface DataReader {
  /** Runs one of storage's named reads. */
  read<T>(query: ReadQuery<T>): Promise<T>;
  /** Runs one expanded panel statement (read-only). */
  panel(sql: string): Promise<PanelResult>;
}

/** A reader on a store this process owns. */
export function storeReader(store: Store): DataReader {
  return {
    read: (query) => runReadQuery(store, query),
    panel: (sql) => runPanelQuery(store, sql),
  };
}
