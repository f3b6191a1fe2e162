import { describe, expect, it } from 'vitest';
import { EsError } from '../../src/errors.js';
import { csvDelimiter, formatDelimited } from '../../src/format/delimited-format.js';

const columns = [
  { name: 'k', type: 'keyword' },
  { name: 'd', type: 'double' },
] as const;

describe('formatDelimited', () => {
  it('writes RFC 4180 csv with CRLF, quoting only when needed', () => {
    const rows = [
      ['plain', 1],
      ['a,b', null],
      ['say "hi"', 2.5],
      ['line\nbreak', 3],
    ];
    expect(formatDelimited(columns, rows, { kind: 'csv', delimiter: ',', header: true })).toBe(
      'k,d\r\nplain,1.0\r\n"a,b",\r\n"say ""hi""",2.5\r\n"line\nbreak",3.0\r\n',
    );
  });

  it('honours the delimiter and header=absent', () => {
    const rows = [['a;b', 1]];
    expect(formatDelimited(columns, rows, { kind: 'csv', delimiter: ';', header: false })).toBe('"a;b";1.0\r\n');
  });

  it('writes tsv with LF and escaped tabs and newlines', () => {
    const rows = [['a\tb\nc', null]];
    expect(formatDelimited(columns, rows, { kind: 'tsv', delimiter: '\t', header: true })).toBe('k\td\na\\tb\\nc\t\n');
  });

  it('gives ES running bodies: csv "\\r\\n", tsv "\\n"', () => {
    expect(formatDelimited([], [], { kind: 'csv', delimiter: ',', header: true })).toBe('\r\n');
    expect(formatDelimited([], [], { kind: 'tsv', delimiter: '\t', header: true })).toBe('\n');
  });
});

describe('csvDelimiter', () => {
  const reason = (p: string) => {
    try {
      csvDelimiter(p);
    } catch (err) {
      return (err as EsError).reason;
    }
    return 'ok';
  };
  it('validates with ES messages', () => {
    expect(csvDelimiter(undefined)).toBe(',');
    expect(csvDelimiter(';')).toBe(';');
    expect(reason(';;')).toBe('invalid multi-character delimiter [;;]');
    expect(reason('')).toBe('invalid empty delimiter []');
    expect(reason('"')).toBe('illegal reserved character specified as delimiter ["]');
    expect(reason('\t')).toBe(
      'illegal delimiter [TAB] specified as delimiter for the [csv] format; choose the [tsv] format instead',
    );
  });
});
