/**
 * Reads ES csv-spec files (SpecReader / CsvSpecReader / CsvTestUtils upstream) into test cases.
 * See /work/shared/reference/esql-spec-format.md §2.1-2.2.
 */

/** Expected cell: null, a scalar as written (unquoted, untrimmed of meaning), or a multi-value. */
export type ExpectedCell = null | string | ExpectedCell[];

export interface ExpectedColumn {
  readonly name: string;
  /** Normalised ES|QL type (aliases resolved, `date` -> `datetime`, `float` -> `double`, ...). */
  readonly type: string;
}

export interface ExpectedTable {
  readonly columns: ExpectedColumn[];
  readonly rows: ExpectedCell[][];
}

export interface ExpectedWarning {
  readonly text: string;
  /** The `#[Emulated:...]` alternative, accepted as well. */
  readonly alternative?: string;
}

export interface CsvSpecTest {
  readonly file: string;
  readonly name: string;
  /**
   * Unique within the file: the name, or `name~N` for the N-th repeat (upstream files do repeat
   * names, e.g. date.csv-spec evalDateDiffYearAsWhole1Year).
   */
  readonly id: string;
  /** 1-based line of the test name. */
  readonly line: number;
  readonly instruction?: string;
  /** Why upstream disables this test (`-Ignore`, skip bound >= current version), if it does. */
  readonly disabledReason?: string;
  readonly requiredCapabilities: string[];
  readonly query: string;
  readonly warnings: ExpectedWarning[];
  readonly warningRegexes: string[];
  readonly ignoreOrder: boolean;
  readonly expected: ExpectedTable;
}

/** Our version for `skip:low-high` instructions: a high bound at or above it disables the test. */
export const CURRENT_VERSION = '9.99.99';

const isSkippedLine = (l: string) => l === '' || l.startsWith('//') || l.startsWith('#');

const IGNORED_DIRECTIVES = ['skip_flattened_rewrite:', 'request_stored:', 'approximate:', 'schema::'];

export function readCsvSpec(file: string, text: string): CsvSpecTest[] {
  const tests: CsvSpecTest[] = [];
  const lines = text.split(/\r?\n/);
  const seen = new Map<string, number>();
  let i = 0;
  const next = (): { text: string; line: number } | undefined => {
    while (i < lines.length) {
      const l = lines[i++].trim();
      if (!isSkippedLine(l)) return { text: l, line: i };
    }
    return undefined;
  };
  for (let head = next(); head !== undefined; head = next()) {
    const hash = head.text.indexOf('#');
    const name = (hash < 0 ? head.text : head.text.slice(0, hash)).trim();
    const instruction = hash < 0 ? undefined : head.text.slice(hash + 1).trim();
    const repeat = (seen.get(name.toLowerCase()) ?? 0) + 1;
    seen.set(name.toLowerCase(), repeat);
    const id = repeat === 1 ? name : `${name}~${repeat}`;

    const requiredCapabilities: string[] = [];
    const queryLines: string[] = [];
    let l = next();
    for (; l !== undefined; l = next()) {
      const lower = l.text.toLowerCase();
      if (lower.startsWith('required_capability:')) {
        requiredCapabilities.push(l.text.slice('required_capability:'.length).trim());
      } else if (!IGNORED_DIRECTIVES.some((d) => lower.startsWith(d))) break;
    }
    for (; l !== undefined; l = next()) {
      if (l.text.endsWith(';') && !l.text.endsWith('\\;')) {
        queryLines.push(l.text.slice(0, -1));
        break;
      }
      queryLines.push(l.text);
    }
    if (l === undefined) throw new Error(`${file}:${head.line}: test ${name} has no query ending in ';'`);
    const query = queryLines.join('\r\n').replace(/\\;/g, ';');

    const warnings: ExpectedWarning[] = [];
    const warningRegexes: string[] = [];
    let ignoreOrder = false;
    const tableLines: string[] = [];
    for (l = next(); l !== undefined; l = next()) {
      if (l.text.startsWith(';')) break;
      const lower = l.text.toLowerCase();
      if (lower.startsWith('warning:')) warnings.push(parseWarning(l.text.slice('warning:'.length).trim()));
      else if (lower.startsWith('warningregex:')) warningRegexes.push(l.text.slice('warningRegex:'.length).trim());
      else if (lower.startsWith('ignoreorder:')) ignoreOrder = l.text.slice('ignoreOrder:'.length).trim().toLowerCase() === 'true';
      else tableLines.push(l.text);
    }
    // Reaching the end of the file also closes the last test.
    if (tableLines.length === 0) throw new Error(`${file}:${head.line}: test ${name} has no expected header`);

    const disabledReason = disabledBy(name, instruction);
    tests.push({
      file,
      name,
      id,
      line: head.line,
      ...(instruction === undefined ? {} : { instruction }),
      ...(disabledReason === undefined ? {} : { disabledReason }),
      requiredCapabilities,
      query,
      warnings,
      warningRegexes,
      ignoreOrder,
      expected: parseTable(tableLines),
    });
  }
  return tests;
}

function parseWarning(text: string): ExpectedWarning {
  const at = text.indexOf('#[Emulated:');
  if (at < 0) return { text };
  const alt = text.slice(at + '#[Emulated:'.length).replace(/\]$/, '');
  return { text: text.slice(0, at), alternative: alt };
}

function disabledBy(name: string, instruction: string | undefined): string | undefined {
  if (name.endsWith('-Ignore')) return 'name ends with -Ignore';
  if (instruction === undefined) return undefined;
  const m = /skip\s*:\s*([\d.]*)\s*-\s*([\d.]+)/i.exec(instruction);
  if (m !== null && compareVersions(m[2], CURRENT_VERSION) >= 0) return `skip upper bound ${m[2]}`;
  return undefined;
}

export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let k = 0; k < Math.max(x.length, y.length); k++) {
    const d = (x[k] ?? 0) - (y[k] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const TYPE_ALIASES: Record<string, string> = {
  i: 'integer',
  int: 'integer',
  short: 'integer',
  byte: 'integer',
  l: 'long',
  ul: 'unsigned_long',
  d: 'double',
  float: 'double',
  half_float: 'double',
  scaled_float: 'double',
  k: 'keyword',
  s: 'keyword',
  string: 'keyword',
  txt: 'text',
  n: 'null',
  bool: 'boolean',
  date: 'datetime',
  dt: 'datetime',
  v: 'version',
  counter_integer: 'integer',
  counter_long: 'long',
  counter_double: 'double',
  counter_float: 'double',
};

/** The ES|QL type name for a type as written in a spec header (case-insensitive, aliases resolved). */
export function normalizeType(type: string): string {
  const t = type.trim().toLowerCase();
  return TYPE_ALIASES[t] ?? t;
}

const PLACEHOLDER = '\u0000';

export function parseHeaderCell(cell: string): ExpectedColumn {
  const protectedCell = cell.replace(/::/g, PLACEHOLDER);
  const at = protectedCell.indexOf(':');
  if (at < 0 || protectedCell.indexOf(':', at + 1) >= 0) throw new Error(`bad header cell [${cell}]`);
  const restore = (s: string) => s.split(PLACEHOLDER).join('::').trim();
  return { name: restore(protectedCell.slice(0, at)), type: normalizeType(restore(protectedCell.slice(at + 1))) };
}

function parseTable(lines: string[]): ExpectedTable {
  const columns = splitPipeRow(lines[0]).map(parseHeaderCell);
  const rows = lines.slice(1).map((line) => splitPipeRow(line).map(parseCell));
  return { columns, rows };
}

/** SuperCSV with `|` as delimiter and `"` as quote: `|` inside quotes does not split. */
export function splitPipeRow(line: string): string[] {
  const cells: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let k = 0; k < line.length; k++) {
    const c = line[k];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === '|' && !inQuotes) {
      cells.push(line.slice(start, k));
      start = k + 1;
    }
  }
  cells.push(line.slice(start));
  return cells;
}

export function parseCell(raw: string): ExpectedCell {
  const t = unquote(raw.trim());
  if (t.toLowerCase() === 'null') return null;
  if (t.startsWith('[') && t.endsWith(']')) {
    return splitMultiValue(t.slice(1, -1)).map((e) => unquote(e.trim()).replace(/\\,/g, ','));
  }
  return t;
}

function splitMultiValue(inner: string): string[] {
  const out: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let k = 0; k < inner.length; k++) {
    const c = inner[k];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === ',' && !inQuotes && inner[k - 1] !== '\\') {
      out.push(inner.slice(start, k));
      start = k + 1;
    }
  }
  out.push(inner.slice(start));
  return out;
}

function unquote(t: string): string {
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/""/g, '"');
  return t;
}
