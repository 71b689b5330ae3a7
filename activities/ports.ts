/**
 * What the activities need from the libraries, as narrow ports: each subsystem's factory asks for the
 * ones it really uses. The worker wires the real storage / connectors / sentiment implementations;
 * tests pass fakes for the external world. Result shapes are storage's own exported types.
 */
import type { Connector } from '../core/connector.js';
import type { SourceConfig } from '../core/config/index.js';
import type { Mention } from '../core/mention.js';
import type { PreparedText } from '../matching/index.js';
import type { UpsertResult } from '../storage/mentions.js';
import type { RescoreResult } from '../storage/rescore.js';
import type { IngestRunRecord } from './types.js';

export type { RescoreResult, UpsertResult };

/** A brand a source listens for, with its compiled local matcher. */
export interface BrandMatcher {
  key: string;
  /** The text is tokenized once per mention (`prepareText`) and shared by every brand of the source. */
  matches(text: PreparedText): boolean;
  /** True when `author` is one of the brand's own accounts on this source (`brands[].accounts`). */
  ownsAuthor?(author: string): boolean;
}

/** A configured source, resolved: its live connector and its brands' matchers. */
export interface ResolvedSource {
  /** The parts of the source's config the activities read (its id for rows, its type for messages). */
  config: Pick<SourceConfig, 'id' | 'type'>;
  connector: Connector;
  /** Builds a connector walking a time range, when the source supports backfill. */
  backfill?: (range: { from: number; to: number }) => Connector;
  brands: BrandMatcher[];
  /**
   * Waits until the source may make its next API request (its `maxRequestsPerSecond`, shared by the
   * source's ingest, backfills and read-ahead in this worker). Absent: no pacing.
   */
  pace?(): Promise<void>;
}

/** Where cursors are kept: a source's own, and each backfill's under its own key. */
export interface CursorStore {
  loadCursor(key: string): Promise<unknown>;
  /** Call only after the mentions the cursor covers are stored. */
  saveCursor(key: string, cursor: unknown): Promise<void>;
}

/** The idempotent mention writer (safe to retry: a batch stored twice changes nothing). */
export interface MentionWriter {
  upsertMentions(mentions: readonly Mention[]): Promise<UpsertResult>;
  /**
   * A batch that normalizes and encodes mentions as they are added, stored by its `store()` exactly as
   * `upsertMentions` would store them all; ingest adds each scored slice, so that work overlaps the
   * store of the batch before. Without it, ingest collects the mentions and calls `upsertMentions`.
   */
  createBatch?(): PendingMentions;
}

/** Mentions added to a writer's batch, stored together. */
export interface PendingMentions {
  add(mentions: readonly Mention[]): void;
  store(): Promise<UpsertResult>;
}

/** Records one poll as an `ingest_runs` row. */
export interface RunRecorder {
  recordIngestRun(run: IngestRunRecord): Promise<void>;
}

/** Rewrites stored mentions scored by another scorer version, for rescoring. */
export interface StaleMentionRewriter {
  countStaleMentions(scorerVersion: string): Promise<number>;
  /**
   * Looks at up to `limit` keys after position `after` (in key order), hands the mentions among them whose
   * scorer_version differs from `scorerVersion` slice by slice to `score`, and stores what it returns as
   * `upsertMentions` would, with each mention's user correction in force applied. `done` says the table has
   * no key after `last`.
   */
  rescoreStaleMentions(
    request: { scorerVersion: string; after: string | undefined; limit: number },
    score: (mentions: Mention[]) => Mention[],
    progress?: (selected: number) => void,
  ): Promise<RescoreResult>;
}

/** Assigns story ids that group near-identical texts. */
export interface StoryAssigner {
  assign(text: string): string;
}
