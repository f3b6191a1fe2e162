import { describe, expect, it } from 'vitest';
import { parseQueryBody } from '../../src/http/query-body.js';
import { esErrorOf } from './reason-of.js';

describe('parseQueryBody', () => {
  it('parses the sync fields with defaults', () => {
    expect(parseQueryBody('{"query":"ROW a = 1"}', 'esql/query')).toMatchObject({
      query: 'ROW a = 1',
      columnar: false,
      profile: false,
      params: undefined,
      waitForCompletionMs: undefined,
    });
  });

  it('accepts booleans as JSON booleans or "true"/"false" strings', () => {
    expect(parseQueryBody('{"query":"x","columnar":"true"}', 'esql/query').columnar).toBe(true);
    const err = esErrorOf(() => parseQueryBody('{"query":"x","columnar":"yes"}', 'esql/query'));
    expect(err.type).toBe('x_content_parse_exception');
    expect(err.reason).toBe(
      '[1:25] [esql/query] failed to parse field [columnar]: Failed to parse value [yes] as only [true] or [false] are allowed.',
    );
  });

  it('parses async knobs in ES time units', () => {
    const body = parseQueryBody(
      '{"query":"x","wait_for_completion_timeout":"20nanos","keep_alive":"10000ms","keep_on_completion":"true"}',
      'esql/async_query',
    );
    expect(body.waitForCompletionMs).toBeCloseTo(0.00002, 10);
    expect(body.keepAliveMs).toBe(10_000);
    expect(body.keepOnCompletion).toBe(true);
    const bad = esErrorOf(() => parseQueryBody('{"query":"x","keep_alive":"5 years"}', 'esql/async_query'));
    expect(bad.reason).toMatch(/^\[1:27\] \[esql\/async_query\] failed to parse field \[keep_alive\]: failed to parse setting/);
  });

  it('reads allow_partial_results on both endpoints; undefined when absent so the URL param applies', () => {
    expect(parseQueryBody('{"query":"x","allow_partial_results":false}', 'esql/async_query').allowPartialResults).toBe(false);
    expect(parseQueryBody('{"query":"x","allow_partial_results":"true"}', 'esql/query').allowPartialResults).toBe(true);
    expect(parseQueryBody('{"query":"x"}', 'esql/async_query').allowPartialResults).toBeUndefined();
    expect(esErrorOf(() => parseQueryBody('{"query":"x","allow_partial_results":"no"}', 'esql/query')).reason).toBe(
      '[1:38] [esql/query] failed to parse field [allow_partial_results]: Failed to parse value [no] as only [true] or [false] are allowed.',
    );
  });

  it('rejects async fields on the sync endpoint and unknown fields with their location', () => {
    expect(esErrorOf(() => parseQueryBody('{"foo":1}', 'esql/query')).reason).toBe('[1:2] [esql/query] unknown field [foo]');
    expect(esErrorOf(() => parseQueryBody('{"query":"x","keep_alive":"1s"}', 'esql/query')).reason).toBe(
      '[1:14] [esql/query] unknown field [keep_alive]',
    );
  });

  it('rejects wrong JSON types', () => {
    const err = esErrorOf(() => parseQueryBody('{"query": 42}', 'esql/query'));
    expect(err.status).toBe(400);
    expect(err.reason).toBe("[1:11] [esql/query] query doesn't support values of type: VALUE_NUMBER");
    expect(esErrorOf(() => parseQueryBody('[1]', 'esql/query')).reason).toBe(
      '[1:1] [esql/query] Expected START_OBJECT but was: START_ARRAY',
    );
    expect(esErrorOf(() => parseQueryBody('{"query":"x","filter":[]}', 'esql/query')).type).toBe(
      'x_content_parse_exception',
    );
  });

  it('requires a query', () => {
    for (const text of [undefined, '', '{}', '{"query":"  "}']) {
      const err = esErrorOf(() => parseQueryBody(text, 'esql/query'));
      expect(err.type).toBe('action_request_validation_exception');
      expect(err.reason).toBe('Validation Failed: 1: [query] is required;');
    }
  });

  it('refuses snapshot-only fields and real filters instead of ignoring them', () => {
    expect(esErrorOf(() => parseQueryBody('{"query":"x","pragma":{}}', 'esql/query')).reason).toBe(
      'Validation Failed: 1: [pragma] only allowed in snapshot builds;',
    );
    expect(parseQueryBody('{"query":"x","filter":{"match_all":{}}}', 'esql/query').query).toBe('x');
    expect(esErrorOf(() => parseQueryBody('{"query":"x","filter":{"term":{"a":1}}}', 'esql/query')).status).toBe(400);
  });

  it('passes params through', () => {
    expect(parseQueryBody('{"query":"x","params":[1,"a",null]}', 'esql/query').params).toEqual([1, 'a', null]);
  });
});
