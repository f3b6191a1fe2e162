import type { StatusEvent } from '../runtime/query-runtime.js';

/**
 * The queries each caller submitted through this gateway, with their latest status: the answer to
 * `list`. A caller is the authenticated principal (every connection of one user sees the same list;
 * with security off everyone is the same anonymous caller). Bounded per caller: past `maxPerCaller`
 * the oldest entries are forgotten first.
 */
export class CallerQueries {
  private readonly byCaller = new Map<string, Map<string, StatusEvent | undefined>>();

  constructor(private readonly maxPerCaller = 1000) {}

  add(caller: string | undefined, id: string): void {
    const queries = this.queriesOf(caller, true)!;
    queries.set(id, undefined);
    if (queries.size > this.maxPerCaller) queries.delete(queries.keys().next().value!);
  }

  /** Records the latest status of a listed query; ignores queries nobody listed. */
  update(caller: string | undefined, event: StatusEvent): void {
    const queries = this.queriesOf(caller, false);
    if (queries?.has(event.id) === true) queries.set(event.id, event);
  }

  forget(caller: string | undefined, id: string): void {
    this.queriesOf(caller, false)?.delete(id);
  }

  list(caller: string | undefined): { id: string; state: string; outcome?: string; seq: number; progress?: StatusEvent['progress'] }[] {
    return [...(this.queriesOf(caller, false) ?? [])].map(([id, status]) => ({
      id,
      state: status?.state ?? 'submitted',
      outcome: status?.outcome,
      seq: status?.seq ?? -1,
      progress: status?.progress,
    }));
  }

  private queriesOf(caller: string | undefined, create: boolean): Map<string, StatusEvent | undefined> | undefined {
    const key = caller ?? '';
    let queries = this.byCaller.get(key);
    if (queries === undefined && create) this.byCaller.set(key, (queries = new Map<string, StatusEvent | undefined>()));
    return queries;
  }
}
