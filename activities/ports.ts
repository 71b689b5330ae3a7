/**
 * What the activities need from the libraries, as narrow interfaces. The worker wires the real
 * storage / connectors / sentiment implementations; tests may pass fakes for the external world.
 */
import type { Connector } from '../core/connector.js';
import type { SourceConfig } from '../core/config/index.js';
import type { Mention } from '../core/mention.js';
import type { IngestRunRecord } from './types.js';

/** A brand a source listens for, with its compiled local matcher. */
export interface BrandMatcher {
  key: string;
  matches(text: string): boolean;
}

/** A configured source, resolved: its live connector and its brands' matchers. */
export interface ResolvedSource {
  config: SourceConfig;
  connector: Connector;
  /** Builds a connector walking a time range, when the source supports backfill. */
  backfill?: (range: { from: number; to: number }) => Connector;
  brands: BrandMatcher[];
}

/** Result of an idempotent mention upsert. */
export interface UpsertResult {
  new: number;
  updated: number;
  unchanged: number;
  /** Mentions the store cannot hold (e.g. a date out of range): skipped and counted, never fatal. */
  invalid: number;
}

/** The storage operations ingest needs. */
export interface IngestStore {
  loadCursor(sourceId: string): Promise<unknown>;
  saveCursor(sourceId: string, cursor: unknown): Promise<void>;
  upsertMentions(mentions: Mention[]): Promise<UpsertResult>;
  recordIngestRun(run: IngestRunRecord): Promise<void>;
}

/** Assigns story ids that group near-identical texts. */
export interface StoryAssigner {
  assign(text: string): string;
}

/** A page of stored mentions for rescoring, in key order. */
export interface StaleMentionsPage {
  mentions: Mention[];
  /** Opaque position of the last mention returned, to resume after it. */
  last?: string;
}

/** The storage operations rescoring needs. */
export interface RescoreStore {
  countStaleMentions(scorerVersion: string): Promise<number>;
  /** Mentions whose scorer_version differs from `scorerVersion`, after position `after`, in key order. */
  selectStaleMentions(
    scorerVersion: string,
    after: string | undefined,
    limit: number,
  ): Promise<StaleMentionsPage>;
}
