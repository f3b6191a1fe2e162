import { asEsError, restoreError } from '../errors.js';
import type { Completion } from './live-query.js';
import type { ResultStore, StoredQuery } from './ports.js';

/**
 * Writes a finished query's outcome once and returns the completion readers must see. If another
 * node stored an outcome first (it took this node for lost), that one is what every reader sees, so
 * this node answers with it too. If the outcome cannot be kept, readers get that failure, not a 404.
 */
export async function persistCompletion(results: ResultStore, entry: StoredQuery, completion: Completion): Promise<Completion> {
  try {
    if (await results.putIfAbsent(entry)) return completion;
    const kept = await results.get(entry.id);
    if (kept === undefined) return completion;
    return 'result' in kept.outcome
      ? { ...completion, result: kept.outcome.result, error: undefined }
      : { ...completion, outcome: 'failed', result: undefined, error: restoreError(kept.outcome.error) };
  } catch (err) {
    return { ...completion, result: undefined, error: asEsError(err), stored: false };
  }
}
