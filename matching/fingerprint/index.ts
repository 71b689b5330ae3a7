/**
 * Near-duplicate detection: SimHash fingerprints and a story index that groups syndicated and
 * copy-pasted texts into stories. See docs/near-duplicates.md.
 */
export { MIN_SIMHASH_WORDS, fingerprint, fingerprintToHex, hammingDistance } from './simhash.js';
export { normalizedWords } from './normalize.js';
export {
  DEFAULT_MAX_DISTANCE,
  StoryIndex,
  type StoryAssignment,
  type StoryIndexOptions,
  type StoryIndexState,
} from './story-index.js';
