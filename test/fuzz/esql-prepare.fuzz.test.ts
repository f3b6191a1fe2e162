import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EsqlEngine } from '../../src/esql/engine.js';
import { allFunctions } from '../../src/esql/functions/registry.js';
import { parse } from '../../src/esql/parser.js';
import { EsError } from '../../src/errors.js';
import { Catalog } from '../../src/storage/catalog.js';
import { loadCsvIndex } from '../../src/storage/csv-loader.js';
import { generateLogs } from '../../src/storage/demo-logs.js';

/**
 * Property-based fuzzing of the parser and analyzer (issue 6): whatever the text, `prepare()` either
 * returns a prepared query or throws a `parsing_exception` / `verification_exception` EsError; any
 * other throw (TypeError, RangeError, a 500) is a crash. 100,000 queries in all by default
 * (QACTOR_FUZZ_RUNS scales it), split over four generators: grammar-shaped queries, single-character
 * mutations of those, token soup, and arbitrary unicode. The engine is called directly, not
 * through HTTP, so the whole run stays within about a minute.
 */

const TOTAL = Number(process.env.QACTOR_FUZZ_RUNS ?? 100_000);
const SEED = process.env.QACTOR_FUZZ_SEED === undefined ? undefined : Number(process.env.QACTOR_FUZZ_SEED);
const ALLOWED = new Set(['parsing_exception', 'verification_exception']);

const catalog = new Catalog();
catalog.put(
  loadCsvIndex(
    'books',
    `author:text,name:keyword,page_count:integer,release_date:date,rating:double,ok:boolean,ip:ip
Peter F. Hamilton,Pandora's Star,768,2004-03-02T00:00:00.000Z,4.0,true,10.0.0.1
Vernor Vinge,A Fire Upon the Deep,613,1992-06-01T00:00:00.000Z,4.5,false,
`,
  ),
);
catalog.put(generateLogs(50, 3));
const engine = new EsqlEngine(catalog, { testFunctions: true });
const PARAMS = [1, 'x', null, 2.5];

/** Outcome class of one query: 'ok' or the EsError type; anything else is rethrown as a finding. */
function outcome(query: string): string {
  try {
    engine.prepare(query, { params: PARAMS, nowMs: 1_700_000_000_000 });
    return 'ok';
  } catch (err) {
    if (err instanceof EsError && ALLOWED.has(err.type)) return err.type;
    const what = err instanceof EsError ? `${err.type}: ${err.reason}` : String((err as Error)?.stack ?? err);
    throw new Error(`prepare(${JSON.stringify(query)}) crashed: ${what}`);
  }
}

const FIELDS = ['author', 'name', 'page_count', 'release_date', 'rating', 'ok', 'ip', '@timestamp', 'host', 'status', 'bytes', 'latency_ms', 'message', 'x', 'nope', '`weird name`', 'a.b'];
const scalars = allFunctions().filter((f) => f.kind === 'scalar').map((f) => f.name);
const aggregates = allFunctions().filter((f) => f.kind === 'aggregate').map((f) => f.name);

const field = fc.constantFrom(...FIELDS);
const literal = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.constantFrom('0', '2147483648', '9223372036854775807', '18446744073709551616', '1e308', '1.5', '.5', '-0.0'),
  fc.double({ noNaN: true }).map((d) => (Number.isFinite(d) ? String(d) : '1e400')),
  fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('true', 'false', 'null', '"""tri"ple"""', '1 day', '2 hours', '10 ms', '?', '?1', '?2', '?3', '?9', '?x'),
);
const typeName = fc.constantFrom('integer', 'long', 'double', 'keyword', 'text', 'boolean', 'datetime', 'ip', 'version', 'unsigned_long', 'bogus');

const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    field,
    literal,
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', 'AND', 'OR'), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('expr').map((e) => `(${e})`),
    tie('expr').map((e) => `NOT ${e}`),
    tie('expr').map((e) => `-${e}`),
    fc.tuple(tie('expr'), typeName).map(([e, t]) => `${e}::${t}`),
    fc.tuple(tie('expr'), fc.boolean()).map(([e, n]) => `${e} IS ${n ? 'NOT ' : ''}NULL`),
    fc.tuple(tie('expr'), fc.array(tie('expr'), { minLength: 1, maxLength: 3 })).map(([e, xs]) => `${e} IN (${xs.join(', ')})`),
    fc.tuple(tie('expr'), fc.constantFrom('LIKE', 'RLIKE', 'NOT LIKE'), fc.constantFrom('"a*"', '"?b"', '"[a-"', '"\\\\*"', '"(("')).map(([e, op, p]) => `${e} ${op} ${p}`),
    fc.tuple(fc.constantFrom(...scalars, 'nosuchfn'), fc.array(tie('expr'), { maxLength: 4 })).map(([f, xs]) => `${f}(${xs.join(', ')})`),
    fc.array(tie('expr'), { minLength: 1, maxLength: 4 }).map((xs) => `CASE(${xs.join(', ')})`),
  ),
}));

const agg = fc.oneof(
  fc.tuple(fc.constantFrom(...aggregates), fc.array(expr, { maxLength: 3 })).map(([f, xs]) => `${f}(${xs.join(', ')})`),
  fc.constant('COUNT(*)'),
  fc.tuple(fc.constantFrom(...aggregates), expr).map(([f, e]) => `${f}(${e}) WHERE ${e}`),
);
const named = (e: fc.Arbitrary<string>) => fc.tuple(fc.option(field, { nil: undefined }), e).map(([n, x]) => (n === undefined ? x : `${n} = ${x}`));
const fieldList = fc.array(fc.oneof(field, field.map((f) => `${f}*`), fc.constant('*')), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(', '));

const command = fc.oneof(
  expr.map((e) => `WHERE ${e}`),
  fc.array(named(expr), { minLength: 1, maxLength: 3 }).map((xs) => `EVAL ${xs.join(', ')}`),
  fc.tuple(fc.array(named(agg), { maxLength: 2 }), fc.array(named(expr), { maxLength: 2 })).map(
    ([aggs, by]) => `STATS ${aggs.join(', ')}${by.length > 0 ? ` BY ${by.join(', ')}` : ''}`,
  ),
  fc.array(fc.tuple(expr, fc.constantFrom('', ' ASC', ' DESC'), fc.constantFrom('', ' NULLS FIRST', ' NULLS LAST')), { minLength: 1, maxLength: 2 }).map(
    (ks) => `SORT ${ks.map(([e, d, n]) => `${e}${d}${n}`).join(', ')}`,
  ),
  fc.constantFrom('0', '1', '10', '1000', '10000', '2147483648', '-1', '?1', '"x"').map((n) => `LIMIT ${n}`),
  fieldList.map((f) => `KEEP ${f}`),
  fieldList.map((f) => `DROP ${f}`),
  fc.tuple(field, field).map(([a, b]) => `RENAME ${a} AS ${b}`),
  field.map((f) => `MV_EXPAND ${f}`),
  fc.tuple(field, fc.constantFrom('"%{a} %{b}"', '"%{a}"', '""', '"%{"', '"%{+a} %{+a}"')).map(([f, p]) => `DISSECT ${f} ${p}`),
  fc.tuple(field, fc.constantFrom('"%{WORD:w}"', '"%{NUMBER:n:int}"', '"%{NOPE:x}"', '"%{"', '"(?<x>a)"')).map(([f, p]) => `GROK ${f} ${p}`),
  fc.constantFrom('LOOKUP JOIN books ON name', 'ENRICH policy', 'CHANGE_POINT x', 'FORK (WHERE true)'),
);
const source = fc.oneof(
  fc.constantFrom('FROM books', 'FROM logs', 'FROM books, logs', 'FROM nope', 'FROM book*', 'FROM logs METADATA _id, _index', 'FROM *', 'SHOW INFO', 'SHOW nope'),
  fc.array(named(expr), { minLength: 1, maxLength: 3 }).map((xs) => `ROW ${xs.join(', ')}`),
);
const structured = fc.tuple(source, fc.array(command, { maxLength: 5 })).map(([s, cs]) => [s, ...cs].join(' | '));

const mutated = fc.tuple(structured, fc.nat(), fc.constantFrom('delete', 'insert', 'replace', 'truncate'), fc.constantFrom(...'|()[]{}"\'`,.:;=!<>?*+-/%#@\\ \n\t\u0000\u00e9\ud83d\ude00\ud800xyz019'.split(''))).map(
  ([q, at, op, ch]) => {
    const i = q.length === 0 ? 0 : at % q.length;
    if (op === 'delete') return q.slice(0, i) + q.slice(i + 1);
    if (op === 'insert') return q.slice(0, i) + ch + q.slice(i);
    if (op === 'replace') return q.slice(0, i) + ch + q.slice(i + 1);
    return q.slice(0, i);
  },
);

const TOKENS = ['FROM', 'ROW', 'SHOW', 'WHERE', 'EVAL', 'STATS', 'BY', 'SORT', 'LIMIT', 'KEEP', 'DROP', 'RENAME', 'AS', 'MV_EXPAND', 'DISSECT', 'GROK', 'METADATA', 'ASC', 'DESC', 'NULLS', 'FIRST', 'LAST', 'AND', 'OR', 'NOT', 'IS', 'NULL', 'IN', 'LIKE', 'RLIKE', 'CASE', 'true', 'false', '|', '(', ')', '[', ']', ',', '=', '==', '::', '.', '*', '+', '-', '/', '%', '<', '>', '?', '?1', '"s"', '"""', '`', '`a`', '1', '1.5', '1e9', 'books', 'logs', 'page_count', 'name', 'COUNT', 'AVG', 'ABS', 'TO_STRING', '//', '/*', '*/', '\n'];
const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((ts) => ts.join(' '));
const noise = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ maxLength: 200 }));

const OUTCOMES = ['ok', ...ALLOWED];

function fuzz(name: string, arbitrary: fc.Arbitrary<string>, share: number, tally: Map<string, number>): void {
  fc.assert(
    fc.property(arbitrary, (query) => {
      const kind = outcome(query);
      tally.set(kind, (tally.get(kind) ?? 0) + 1);
    }),
    { numRuns: Math.max(1, Math.round(TOTAL * share)), ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
  );
  expect([...tally.values()].reduce((a, b) => a + b, 0), `${name} ran too few queries`).toBeGreaterThanOrEqual(Math.round(TOTAL * share));
}

describe('ES|QL parser + analyzer fuzzing', { timeout: 600_000 }, () => {
  it('grammar-shaped queries: a prepared query or a parsing/verification error', () => {
    const tally = new Map<string, number>();
    fuzz('structured', structured, 0.5, tally);
    // The generator must exercise all three outcomes, or it is not testing the analyzer at all.
    expect(tally.get('ok')).toBeGreaterThan(0);
    expect(tally.get('verification_exception')).toBeGreaterThan(0);
    expect(tally.get('parsing_exception')).toBeGreaterThan(0);
  });

  it('single-character mutations of grammar-shaped queries', () => {
    const tally = new Map<string, number>();
    fuzz('mutated', mutated, 0.25, tally);
    expect(tally.get('parsing_exception')).toBeGreaterThan(0);
  });

  it('token soup', () => {
    fuzz('soup', soup, 0.2, new Map());
  });

  it('arbitrary unicode, lone surrogates and control characters', () => {
    fuzz('noise', noise, 0.05, new Map());
  });

  it('deep nesting is a parsing_exception, not a stack overflow', () => {
    for (const depth of [100, 1_000, 10_000, 100_000]) {
      expect(OUTCOMES).toContain(outcome(`ROW a = ${'('.repeat(depth)}1${')'.repeat(depth)}`));
      expect(OUTCOMES).toContain(outcome(`ROW a = ${'-'.repeat(depth)}1`));
      expect(OUTCOMES).toContain(outcome(`ROW a = ${'NOT '.repeat(depth)}true`));
      expect(OUTCOMES).toContain(outcome(`ROW a = ${Array.from({ length: depth }, () => '1').join(' + ')}`));
      expect(OUTCOMES).toContain(outcome(`ROW a = ${'abs('.repeat(depth)}1${')'.repeat(depth)}`));
    }
  });

  it('parse() alone never throws anything but parsing_exception', () => {
    fc.assert(
      fc.property(fc.oneof(mutated, soup, noise), (query) => {
        try {
          parse(query, PARAMS);
        } catch (err) {
          if (!(err instanceof EsError && err.type === 'parsing_exception')) throw err;
        }
      }),
      { numRuns: 2_000, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
  });
});
