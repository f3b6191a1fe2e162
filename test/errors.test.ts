import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ES_ERROR_TYPES, EsError, taskCancelled, toEsErrorBody } from '../src/errors.js';

/** The README's error table and the catalogue must list the same types (fastify's errors.test.js habit). */
function readmeErrorTypes(): Map<string, string> {
  const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Errors'), readme.indexOf('\n## ', readme.indexOf('\n## Errors') + 1));
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const match = /^\| `([a-z_]+)`(?: \(\d+\))? \| ([\d /]+) \|/.exec(line);
    if (match !== null && !rows.has(match[1])) rows.set(match[1], match[2].trim());
  }
  return rows;
}

describe('error catalogue', () => {
  it('every type in src/errors.ts is documented in the README error table with its status, and only those', () => {
    const documented = readmeErrorTypes();
    expect([...documented.keys()].sort()).toEqual(Object.keys(ES_ERROR_TYPES).sort());
    for (const [type, status] of Object.entries(ES_ERROR_TYPES)) {
      expect(documented.get(type)!.split(' / ')).toContain(String(status));
    }
  });

  it('renders the ES envelope with root_cause, type, reason and status', () => {
    const body = toEsErrorBody(new EsError('resource_not_found_exception', 'FmNJ=='));
    expect(body).toEqual({
      error: {
        root_cause: [{ type: 'resource_not_found_exception', reason: 'FmNJ==' }],
        type: 'resource_not_found_exception',
        reason: 'FmNJ==',
      },
      status: 404,
    });
  });

  it('never echoes a non-EsError: it becomes an opaque 500 status_exception', () => {
    const body = toEsErrorBody(new Error('secret internal detail'));
    expect(body.status).toBe(500);
    expect(body.error.type).toBe('status_exception');
    expect(JSON.stringify(body)).not.toContain('secret');
  });

  it('taskCancelled is a 400 task_cancelled_exception without a stack trace, and leaves stack capture on', () => {
    const err = taskCancelled('deleted');
    expect(err).toBeInstanceOf(EsError);
    expect(err).toMatchObject({ type: 'task_cancelled_exception', status: 400, reason: 'deleted' });
    expect(err.stack).toBe('EsError: deleted');
    expect(taskCancelled().reason).toBe('by user request');
    expect(new Error('after').stack).toContain('\n    at ');
  });
});
