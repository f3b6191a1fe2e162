import type {
  AsyncQueryRequest,
  AsyncQueryView,
  CompletedQuery,
  GetOptions,
  QueryRequest,
  QueryRuntime,
  StatusEvent,
} from '../../src/runtime/query-runtime.js';

/**
 * A scripted QueryRuntime for route tests: it records what the HTTP layer asked for and answers
 * with the view or error the test set. End-to-end behaviour is tested against the real runtime.
 */
export class FakeRuntime implements QueryRuntime {
  readonly calls: { method: string; args: unknown[] }[] = [];
  result: CompletedQuery = completed();
  view: AsyncQueryView = { id: undefined, isRunning: false, result: completed(), startTimeMs: 1000, expirationTimeMs: 2000 };
  error: Error | undefined = undefined;

  private answer<T>(method: string, args: unknown[], value: T): Promise<T> {
    this.calls.push({ method, args });
    return this.error === undefined ? Promise.resolve(value) : Promise.reject(this.error);
  }

  query(request: QueryRequest): Promise<CompletedQuery> {
    return this.answer('query', [request], this.result);
  }
  submit(request: AsyncQueryRequest): Promise<AsyncQueryView> {
    return this.answer('submit', [request], this.view);
  }
  get(id: string, options?: GetOptions): Promise<AsyncQueryView> {
    return this.answer('get', [id, options], this.view);
  }
  stop(id: string): Promise<AsyncQueryView> {
    return this.answer('stop', [id], this.view);
  }
  delete(id: string): Promise<void> {
    return this.answer('delete', [id], undefined);
  }
  watch(_id: string, _listener: (event: StatusEvent) => void): Promise<() => void> {
    return Promise.resolve(() => {});
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

export function completed(overrides: Partial<CompletedQuery> = {}): CompletedQuery {
  return {
    columns: [
      { name: 'a', type: 'integer' },
      { name: 'd', type: 'double' },
      { name: 'n', type: 'keyword' },
    ],
    values: [
      [1, 1, null],
      [2, 2.5, null],
    ],
    isPartial: false,
    documentsFound: 2,
    valuesLoaded: 4,
    warnings: [],
    tookMs: 7,
    startTimeMs: 1000,
    completionTimeMs: 1007,
    ...overrides,
  };
}
