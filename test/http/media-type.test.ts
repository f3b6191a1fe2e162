import { describe, expect, it } from 'vitest';
import { checkCompatibleWith, selectResponseFormat, type FormatRequest } from '../../src/http/media-type.js';
import { esErrorOf } from './reason-of.js';

const req = (r: Partial<FormatRequest>): FormatRequest => ({
  format: undefined,
  accept: undefined,
  contentType: undefined,
  delimiter: undefined,
  header: undefined,
  path: '/_query',
  ...r,
});

describe('selectResponseFormat', () => {
  it('defaults to plain JSON (curl, or no headers at all)', () => {
    expect(selectResponseFormat(req({}))).toEqual({ kind: 'json', contentType: 'application/json' });
    expect(selectResponseFormat(req({ accept: '*/*', contentType: 'application/json' })).kind).toBe('json');
    expect(selectResponseFormat(req({ contentType: 'text/plain' })).kind).toBe('json');
  });

  it('echoes the vendor type for the JS client (list Accept, vendor Content-Type)', () => {
    const f = selectResponseFormat(
      req({
        accept: 'application/vnd.elasticsearch+json; compatible-with=8,text/plain',
        contentType: 'application/vnd.elasticsearch+json; compatible-with=8',
      }),
    );
    expect(f).toEqual({ kind: 'json', contentType: 'application/vnd.elasticsearch+json;compatible-with=8' });
  });

  it('lets ?format= win over headers', () => {
    expect(selectResponseFormat(req({ format: 'txt', accept: 'application/json' })).kind).toBe('txt');
    expect(selectResponseFormat(req({ format: 'TSV' })).contentType).toBe('text/tab-separated-values; charset=utf-8');
  });

  it('uses a single Accept media type', () => {
    expect(selectResponseFormat(req({ accept: 'text/csv' })).kind).toBe('csv');
    expect(selectResponseFormat(req({ accept: 'text/plain' })).kind).toBe('txt');
    // A list says nothing specific: JSON.
    expect(selectResponseFormat(req({ accept: 'text/csv, text/plain' })).kind).toBe('json');
  });

  it('reads csv header and delimiter', () => {
    expect(selectResponseFormat(req({ format: 'csv' }))).toEqual({
      kind: 'csv',
      delimiter: ',',
      header: true,
      contentType: 'text/csv; charset=utf-8; header=present',
    });
    const absent = selectResponseFormat(req({ format: 'csv', header: 'absent', delimiter: ';' }));
    expect(absent).toMatchObject({ header: false, delimiter: ';', contentType: 'text/csv; charset=utf-8; header=absent' });
    expect(selectResponseFormat(req({ accept: 'text/csv; header=absent' }))).toMatchObject({ header: false });
  });

  it('rejects delimiter without csv, unknown and unsupported formats', () => {
    expect(esErrorOf(() => selectResponseFormat(req({ format: 'txt', delimiter: ';' }))).reason).toBe(
      'parameter: [delimiter] can only be used with the format [csv] for request [/_query]',
    );
    const unknown = esErrorOf(() => selectResponseFormat(req({ format: 'xml' })));
    expect(unknown.type).toBe('illegal_argument_exception');
    expect(unknown.reason).toBe('Invalid request content type: Accept=[null], Content-Type=[null], format=[xml]');
    expect(esErrorOf(() => selectResponseFormat(req({ format: 'yaml' }))).status).toBe(400);
  });
});

describe('checkCompatibleWith', () => {
  it('accepts versions 7, 8 and 9 and returns the one to echo', () => {
    for (const v of ['7', '8', '9']) {
      expect(checkCompatibleWith(`application/vnd.elasticsearch+json;compatible-with=${v}`, undefined)).toBe(v);
    }
    expect(checkCompatibleWith(undefined, 'application/json')).toBeUndefined();
  });

  it('rejects other versions and mismatches', () => {
    expect(esErrorOf(() => checkCompatibleWith('application/vnd.elasticsearch+json;compatible-with=6', undefined)).status).toBe(400);
    const mismatch = esErrorOf(() =>
      checkCompatibleWith(
        'application/vnd.elasticsearch+json;compatible-with=8',
        'application/vnd.elasticsearch+json;compatible-with=9',
      ),
    );
    expect(mismatch.reason).toMatch(/^A compatible version is required on both Content-Type and Accept headers/);
  });
});
