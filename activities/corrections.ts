/** The correction activity: `earshot label` records a correction on the worker that owns the store. */
import type { CorrectionInput } from '../core/correction.js';
import type { Mention } from '../core/mention.js';

/** What recording a correction needs: the correction API of storage, and a way to re-teach the scorer. */
export interface CorrectionDeps {
  store: {
    recordCorrection(input: CorrectionInput): Promise<{ before: Mention; after: Mention }>;
  };
  /** Rebuilds the worker's analyzer with every stored correction; returns its new scorer version. */
  relearnCorrections(): Promise<string>;
}

/** What `recordCorrection` returns to the workflow (and the CLI). */
export interface RecordCorrectionResult {
  oldLabel: string;
  newLabel: string;
  scorerVersion: string;
}

/** Builds the correction activities bound to `deps`. */
export function createCorrectionActivities(deps: CorrectionDeps) {
  return {
    /** Records the correction, stores the corrected mention and re-teaches the scorer. */
    async recordCorrection(input: CorrectionInput): Promise<RecordCorrectionResult> {
      const { before, after } = await deps.store.recordCorrection(input);
      const scorerVersion = await deps.relearnCorrections();
      return { oldLabel: before.label, newLabel: after.label, scorerVersion };
    },
  };
}

/** The correction activities, as the correction workflow proxies them. */
export type CorrectionActivities = ReturnType<typeof createCorrectionActivities>;
