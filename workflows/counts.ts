/** Running totals of ingest counts, summed inside workflows (pure, deterministic). */
import type { IngestCounts } from '../activities/types.js';

/** All zero. */
export const ZERO_COUNTS: IngestCounts = {
  pages: 0,
  fetched: 0,
  new: 0,
  updated: 0,
  unchanged: 0,
  skippedInvalid: 0,
  unmatched: 0,
};

/** Adds page counts to running totals. */
export function addCounts(total: IngestCounts, page: IngestCounts): IngestCounts {
  return {
    pages: total.pages + page.pages,
    fetched: total.fetched + page.fetched,
    new: total.new + page.new,
    updated: total.updated + page.updated,
    unchanged: total.unchanged + page.unchanged,
    skippedInvalid: total.skippedInvalid + page.skippedInvalid,
    unmatched: total.unmatched + page.unmatched,
  };
}
