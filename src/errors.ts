/**
 * The one error catalogue. Every error a client can see is an EsError with an Elasticsearch `type`
 * string, an HTTP status and a reason; `toEsErrorBody` renders the ES envelope. Anything that is not
 * an EsError is a bug: it becomes a 500 with a generic reason and is never echoed to the client.
 */

export const ES_ERROR_TYPES = {
  parsing_exception: 400,
  verification_exception: 400,
  illegal_argument_exception: 400,
  action_request_validation_exception: 400,
  x_content_parse_exception: 400,
  task_cancelled_exception: 400,
  resource_not_found_exception: 404,
  index_not_found_exception: 404,
  invalid_index_name_exception: 400,
  resource_already_exists_exception: 400,
  mapper_parsing_exception: 400,
  document_parsing_exception: 400,
  version_conflict_engine_exception: 409,
  request_entity_too_large_exception: 413,
  circuit_breaking_exception: 429,
  es_rejected_execution_exception: 429,
  security_exception: 401,
  status_exception: 500,
} as const;

export type EsErrorType = keyof typeof ES_ERROR_TYPES;

export class EsError extends Error {
  readonly type: EsErrorType;
  readonly status: number;

  constructor(type: EsErrorType, reason: string, options?: { status?: number; cause?: unknown }) {
    super(reason, options?.cause === undefined ? undefined : { cause: options.cause });
    this.type = type;
    this.status = options?.status ?? ES_ERROR_TYPES[type];
    this.name = 'EsError';
  }

  get reason(): string {
    return this.message;
  }
}

export const parsingException = (reason: string) => new EsError('parsing_exception', reason);

/** ES joins every problem found by the verifier into one exception: `Found N problem(s)\nline L:C: ...`. */
export function verificationException(problems: readonly string[]): EsError {
  const head = `Found ${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return new EsError('verification_exception', [head, ...problems].join('\n'));
}

export const illegalArgument = (reason: string) => new EsError('illegal_argument_exception', reason);
export const resourceNotFound = (id: string) => new EsError('resource_not_found_exception', id);
export const invalidId = (id: string) => new EsError('illegal_argument_exception', `invalid id: [${id}]`);
export const queryRequired = () =>
  new EsError('action_request_validation_exception', 'Validation Failed: 1: [query] is required;');

export function taskCancelled(reason = 'by user request'): EsError {
  // Cancellation is control flow, not a fault: ES skips the stack trace for the same reason. Assigning
  // `stack` afterwards is not enough: V8 captures the trace in the constructor, a measurable cost on
  // every DELETE, so capture is switched off while the error is built.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let err: EsError;
  try {
    err = new EsError('task_cancelled_exception', reason);
  } finally {
    Error.stackTraceLimit = limit;
  }
  err.stack = `${err.name}: ${reason}`;
  return err;
}

export const circuitBreaking = (reason: string) => new EsError('circuit_breaking_exception', reason);
export const statusException = (reason: string) => new EsError('status_exception', reason);

export interface EsErrorBody {
  error: {
    root_cause: { type: string; reason: string }[];
    type: string;
    reason: string;
  };
  status: number;
}

/** The ES error envelope for any thrown value. Non-EsErrors are reported as an opaque 500. */
export function toEsErrorBody(err: unknown): EsErrorBody {
  const e = asEsError(err);
  return {
    error: { root_cause: [{ type: e.type, reason: e.reason }], type: e.type, reason: e.reason },
    status: e.status,
  };
}

export function asEsError(err: unknown): EsError {
  if (err instanceof EsError) return err;
  return new EsError('status_exception', 'internal server error', { status: 500, cause: err });
}

/** A plain JSON copy of an error, for storing in a ResultStore and rebuilding on another node. */
export interface StoredError {
  type: EsErrorType;
  reason: string;
  status: number;
}

export const storeError = (err: unknown): StoredError => {
  const e = asEsError(err);
  return { type: e.type, reason: e.reason, status: e.status };
};

export const restoreError = (s: StoredError): EsError => new EsError(s.type, s.reason, { status: s.status });
