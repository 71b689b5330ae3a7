/** Ingest runs for the pipeline-health panels (filled in with those panels). */
import type { Store } from '../../../storage/client.js';

export async function seedPipelineFixture(_store: Store): Promise<void> {}
