import { describe, expect, it } from 'vitest';
import { EsError } from '../../src/errors.js';
import { logUnexpectedErrors } from '../../src/http/error-handler.js';
import { buildServer } from '../../src/http/server.js';
import { memoryLog } from '../support/memory-log.js';
import { FakeRuntime } from './fake-runtime.js';

describe('logUnexpectedErrors', () => {
  it('logs a bug at error with method, path (no query string) and stack, never the headers; an EsError not at all', async () => {
    const runtime = new FakeRuntime();
    const log = memoryLog();
    const app = buildServer(runtime, { onUnexpectedError: logUnexpectedErrors(log) });
    try {
      const ask = () =>
        app.inject({
          method: 'POST',
          url: '/_query?format=json',
          payload: '{"query":"ROW a = 1"}',
          headers: { 'content-type': 'application/json', authorization: 'ApiKey header-secret' },
        });
      runtime.error = new EsError('verification_exception', 'Found 1 problem');
      expect((await ask()).statusCode).toBe(400);
      expect(log.records).toEqual([]);

      runtime.error = new TypeError('x is undefined');
      expect((await ask()).statusCode).toBe(500);
      expect(log.records).toHaveLength(1);
      const [record] = log.records;
      expect(record).toMatchObject({
        level: 'error',
        message: 'unexpected error while handling a request',
        fields: { 'http.request.method': 'POST', 'url.path': '/_query', 'error.type': 'TypeError', 'error.message': 'x is undefined' },
      });
      expect(String(record.fields['error.stack_trace'])).toContain('TypeError: x is undefined');
      expect(JSON.stringify(record)).not.toMatch(/secret/);
    } finally {
      await app.close();
    }
  });
});
