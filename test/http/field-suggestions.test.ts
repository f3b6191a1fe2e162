import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/http/field-suggestions.js';
import { parseQueryBody } from '../../src/http/query-body.js';
import { esErrorOf } from './reason-of.js';

describe('didYouMean', () => {
  it('suggests close names, most similar first', () => {
    expect(didYouMean('querry', ['query', 'params', 'columnar'])).toBe(' did you mean [query]?');
    expect(didYouMean('keep_alve', ['keep_alive', 'keep_on_completion'])).toBe(' did you mean [keep_alive]?');
    expect(didYouMean('foo', ['query', 'params'])).toBe('');
    expect(didYouMean('paramz', ['params', 'param'])).toBe(' did you mean any of [param, params]?');
  });

  it('is part of the unknown field error', () => {
    expect(esErrorOf(() => parseQueryBody('{"querry":"x"}', 'esql/query')).reason).toBe(
      '[1:2] [esql/query] unknown field [querry] did you mean [query]?',
    );
  });
});
