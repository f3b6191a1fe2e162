import { parseDateTime } from '../../src/storage/field-type.js';
import { canonicalIp } from '../../src/storage/ip-text.js';
import type { ExpectedCell, ExpectedTable, ExpectedWarning } from './csv-spec-reader.js';
import { normalizeType } from './csv-spec-reader.js';
import { parseRawJson, type RawJson, RawNumber } from './raw-json.js';

/** The part of a `POST /_query` response the spec checks, numbers kept as source text. */
export interface ActualResult {
  readonly columns: { readonly name: string; readonly type: string }[];
  readonly values: RawJson[][];
}

export function actualFromResponse(body: string): ActualResult {
  const json = parseRawJson(body);
  if (json === null || typeof json !== 'object' || Array.isArray(json) || json instanceof RawNumber) {
    throw new Error('response is not a JSON object');
  }
  const columns = json.columns;
  const values = json.values;
  if (!Array.isArray(columns) || !Array.isArray(values)) throw new Error('response has no columns/values');
  return {
    columns: columns.map((c) => {
      const o = c as { [k: string]: RawJson };
      if (typeof o.name !== 'string' || typeof o.type !== 'string') throw new Error('column without name/type');
      return { name: o.name, type: o.type };
    }),
    values: values as RawJson[][],
  };
}

const RELATIVE_TOLERANCE = 1e-12;

/** Null when `actual` matches the expected table, else a one-line reason. */
export function compareResult(expected: ExpectedTable, ignoreOrder: boolean, actual: ActualResult): string | null {
  const ec = expected.columns;
  const ac = actual.columns;
  const describeCols = (cols: readonly { name: string; type: string }[]) => cols.map((c) => `${c.name}:${c.type}`).join(' | ');
  if (ec.length !== ac.length || ec.some((c, i) => c.name !== ac[i].name || c.type !== normalizeType(ac[i].type))) {
    return `columns differ: expected [${describeCols(ec)}] got [${describeCols(ac)}]`;
  }
  const types = ec.map((c) => c.type);
  if (expected.rows.length !== actual.values.length) {
    return `expected ${expected.rows.length} rows, got ${actual.values.length}${firstRows(actual.values)}`;
  }
  if (!ignoreOrder) {
    for (let r = 0; r < expected.rows.length; r++) {
      if (!rowMatches(types, expected.rows[r], actual.values[r])) {
        return `row ${r}: expected ${show(expected.rows[r])} got ${show(actual.values[r])}`;
      }
    }
    return null;
  }
  const used = new Uint8Array(actual.values.length);
  for (let r = 0; r < expected.rows.length; r++) {
    let found = -1;
    for (let a = 0; a < actual.values.length && found < 0; a++) {
      if (used[a] === 0 && rowMatches(types, expected.rows[r], actual.values[a])) found = a;
    }
    if (found < 0) return `expected row ${show(expected.rows[r])} not found (ignoreOrder)${firstRows(actual.values)}`;
    used[found] = 1;
  }
  return null;
}

function rowMatches(types: string[], expected: ExpectedCell[], actual: RawJson[]): boolean {
  if (!Array.isArray(actual) || expected.length !== actual.length) return false;
  for (let c = 0; c < types.length; c++) if (!cellMatches(types[c], expected[c], actual[c])) return false;
  return true;
}

export function cellMatches(type: string, expected: ExpectedCell, actual: RawJson): boolean {
  if (expected === null) return actual === null;
  if (Array.isArray(expected)) {
    if (expected.length === 1) return cellMatches(type, expected[0], actual);
    if (!Array.isArray(actual) || actual.length !== expected.length) return false;
    return expected.every((e, i) => cellMatches(type, e, actual[i]));
  }
  if (Array.isArray(actual)) return actual.length === 1 && cellMatches(type, expected, actual[0]);
  if (actual === null) return false;
  return scalarMatches(type, expected, actual);
}

const INTEGRAL = /^-?\d+$/;

/** The JSON kind ES uses for each type: numbers for numerics, strings for dates/ips/text, booleans. */
function scalarMatches(type: string, expected: string, actual: Exclude<RawJson, null | RawJson[]>): boolean {
  switch (type) {
    case 'integer':
    case 'long':
    case 'unsigned_long':
      if (!(actual instanceof RawNumber)) return false;
      if (INTEGRAL.test(expected) && INTEGRAL.test(actual.raw)) return BigInt(expected) === BigInt(actual.raw);
      return numbersMatch(expected, actual.raw);
    case 'double':
      return actual instanceof RawNumber && numbersMatch(expected, actual.raw);
    case 'boolean':
      return typeof actual === 'boolean' && expected.toLowerCase() === String(actual);
    default:
      if (typeof actual !== 'string') return false;
      if (type === 'datetime') return datesMatch(expected, actual);
      if (type === 'ip') {
        const e = canonicalIp(expected);
        return e !== null ? e === canonicalIp(actual) : expected === actual;
      }
      return expected === actual;
  }
}

function numbersMatch(expected: string, actual: string): boolean {
  const e = Number(expected);
  const a = Number(actual);
  if (Number.isNaN(e) || Number.isNaN(a)) return expected === actual || (Number.isNaN(e) && Number.isNaN(a));
  if (e === a) return true;
  return Math.abs(e - a) <= RELATIVE_TOLERANCE * Math.max(Math.abs(e), Math.abs(a));
}

function datesMatch(expected: string, actual: string): boolean {
  if (expected === actual) return true;
  try {
    return parseDateTime(expected) === parseDateTime(actual);
  } catch {
    return false;
  }
}

function show(row: readonly (ExpectedCell | RawJson)[]): string {
  const cell = (v: ExpectedCell | RawJson): string =>
    v === null
      ? 'null'
      : v instanceof RawNumber
        ? v.raw
        : Array.isArray(v)
          ? `[${v.map(cell).join(', ')}]`
          : typeof v === 'object'
            ? JSON.stringify(v)
            : String(v);
  return `[${row.map(cell).join(' | ')}]`;
}

function firstRows(values: RawJson[][]): string {
  if (values.length === 0) return '';
  return `; first rows: ${values.slice(0, 3).map((r) => show(r)).join(' ')}`;
}

/** Warning texts of a `Warning` header value (several headers arrive joined by `, `), still escaped. */
export function parseWarningHeader(header: string | null): string[] {
  if (header === null || header === '') return [];
  const out: string[] = [];
  const re = /\d{3} \S+ "((?:[^"\\]|\\.)*)"(?: "[^"]*")?/g;
  for (let m = re.exec(header); m !== null; m = re.exec(header)) out.push(m[1]);
  return out;
}

/** Header form (`\"`, `%25`) to plain text. */
function decodeWarning(w: string): string {
  const unescaped = w.replace(/\\(["\\])/g, '$1');
  try {
    return decodeURIComponent(unescaped);
  } catch {
    return unescaped;
  }
}

const EVAL_LINE = /^Line (\d+:\d+): evaluation of \[(.*)\] failed, treating result as (\w+)\./s;
// Older files write exception lines without the `Line L:C:` prefix.
const EXCEPTION_LINE = /^(?:Line \d+:\d+: )?[A-Za-z_$][\w$.]*(?:Exception|Error)\b/;

/**
 * Lenient warning check (§2.4): the `evaluation of [...] failed` lines must agree as a multiset
 * (position, expression, outcome); exception-class lines are not compared, because their Java class
 * names changed across versions; any other warning must match exactly, or as a regex. Null = match.
 */
export function compareWarnings(expected: readonly ExpectedWarning[], regexes: readonly string[], actualRaw: readonly string[]): string | null {
  const actual = actualRaw.map((raw) => ({ raw, text: decodeWarning(raw) }));
  for (const r of regexes) {
    const re = safeRegExp(r);
    if (re === null || !actual.some((a) => re.test(a.raw) || re.test(a.text))) return `no warning matches /${r}/`;
  }
  if (regexes.length > 0) return null;
  const evalKey = (w: string) => {
    const m = EVAL_LINE.exec(w);
    return m === null ? null : `${m[1]} [${m[2]}] ${m[3]}`;
  };
  const actualEvals = actual.map((a) => evalKey(a.text)).filter((k): k is string => k !== null);
  const actualOthers = actual.filter((a) => evalKey(a.text) === null && !EXCEPTION_LINE.test(a.text));
  const usedEvals = new Uint8Array(actualEvals.length);
  const usedOthers = new Uint8Array(actualOthers.length);
  for (const w of expected) {
    const forms = w.alternative === undefined ? [w.text] : [w.text, w.alternative];
    const keys = forms.map((f) => evalKey(decodeWarning(f)));
    if (keys[0] !== null) {
      const i = actualEvals.findIndex((k, j) => usedEvals[j] === 0 && keys.includes(k));
      if (i < 0) return `missing warning: ${w.text}`;
      usedEvals[i] = 1;
      continue;
    }
    if (EXCEPTION_LINE.test(decodeWarning(w.text))) continue;
    const i = actualOthers.findIndex((a, j) => usedOthers[j] === 0 && forms.some((f) => warningMatches(f, a)));
    if (i < 0) return `missing warning: ${w.text}`;
    usedOthers[i] = 1;
  }
  const extraEval = actualEvals.find((_, j) => usedEvals[j] === 0);
  if (extraEval !== undefined) return `unexpected warning: evaluation of ${extraEval}`;
  const extra = actualOthers.find((_, j) => usedOthers[j] === 0);
  if (extra !== undefined) return `unexpected warning: ${extra.text}`;
  return null;
}

function warningMatches(expected: string, actual: { raw: string; text: string }): boolean {
  if (expected === actual.raw || decodeWarning(expected) === actual.text) return true;
  // Some `warning:` lines are really regexes (null.csv-spec writes `Line \d+:\d+: ...`).
  const re = safeRegExp(`^(?:${expected})$`);
  return re !== null && (re.test(actual.raw) || re.test(actual.text));
}

function safeRegExp(source: string): RegExp | null {
  try {
    return new RegExp(source, 's');
  } catch {
    return null;
  }
}
