import { describe, expect, it } from 'vitest';
import { escapeWarningText } from '../../src/http/response-headers.js';

describe('escapeWarningText', () => {
  it('escapes quotes and backslashes, percent-encodes what a header cannot carry', () => {
    expect(escapeWarningText('Line 1:1: evaluation of [a / b] failed')).toBe('Line 1:1: evaluation of [a / b] failed');
    expect(escapeWarningText('say "x" \\ y')).toBe('say \\"x\\" \\\\ y');
    expect(escapeWarningText('é\nz')).toBe('%C3%A9%0Az');
  });
});
