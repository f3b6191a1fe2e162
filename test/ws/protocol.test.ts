import { describe, expect, it } from 'vitest';
import { parseClientMessage } from '../../src/ws/protocol.js';

describe('parseClientMessage submit', () => {
  it('reads allow_partial_results, true by default as in ES', () => {
    const plain = parseClientMessage(JSON.stringify({ type: 'submit', ref: 'r', query: 'ROW a = 1' }));
    expect(plain.error).toBeUndefined();
    expect(plain.message).toMatchObject({ type: 'submit', allowPartialResults: true });
    const strict = parseClientMessage(JSON.stringify({ type: 'submit', ref: 'r', query: 'ROW a = 1', allow_partial_results: false }));
    expect(strict.message).toMatchObject({ type: 'submit', allowPartialResults: false });
  });

  it('refuses a non-boolean allow_partial_results with the ES error, keeping the ref', () => {
    const bad = parseClientMessage(JSON.stringify({ type: 'submit', ref: 'r7', query: 'ROW a = 1', allow_partial_results: 'no' }));
    expect(bad.message).toBeUndefined();
    expect(bad.error?.type).toBe('illegal_argument_exception');
    expect(bad.error?.reason).toBe('[allow_partial_results] must be a boolean');
    expect(bad.address.ref).toBe('r7');
  });
});
