import { isDeepStrictEqual } from 'node:util';
import type { SoakQuery } from './soak-plan.js';

/** The fields of an ES async answer (or DELETE acknowledgement) the soak reads; checked, not trusted. */
export interface AsyncBody {
  readonly id?: unknown;
  readonly is_running?: unknown;
  readonly is_partial?: unknown;
  readonly columns?: unknown;
  readonly values?: unknown;
  readonly acknowledged?: unknown;
}

/**
 * A finished answer (submit, stop, GET, WebSocket result) must carry the query's columns; a complete
 * one (not `is_partial`) its exact values, a partial one no more rows than the complete result.
 */
export function checkFinished(q: SoakQuery, body: AsyncBody | undefined, problems: string[], where: string): void {
  const prefix = `#${q.index} ${where} (${q.shape.query})`;
  if (body?.is_running !== false) {
    problems.push(`${prefix}: is_running is ${String(body?.is_running)}`);
    return;
  }
  if (!isDeepStrictEqual(body.columns, q.shape.columns)) {
    problems.push(`${prefix}: columns ${JSON.stringify(body.columns)}`);
    return;
  }
  if (body.is_partial === true) {
    if (!Array.isArray(body.values) || body.values.length > q.shape.values.length) {
      problems.push(`${prefix}: partial values ${JSON.stringify(body.values)}`);
    }
    return;
  }
  if (!isDeepStrictEqual(body.values, q.shape.values)) problems.push(`${prefix}: values ${JSON.stringify(body.values)}`);
}
