import type { DataType } from '../compute/data-type.js';
import type { Value } from '../esql/query-engine.js';
import { scalarToJson } from './value-text.js';

/**
 * JSON serialisation of response bodies. JSON.stringify throws on bigint and prints double 1.0 as
 * `1`; this writer handles both. Result cells are not turned into a tree of nodes first: an
 * `EsqlValues` node carries the rows and column types and is written with plain loops.
 * Pretty output follows ES (`"key" : value`, two-space indent, empty containers as `[ ]` / `{ }`).
 */

/** The `values` of an ES|QL response: rows (or columns when `columnar`), typed per column. */
export class EsqlValues {
  constructor(
    readonly rows: readonly (readonly Value[])[],
    readonly types: readonly DataType[],
    /** Column indices to write, in order (drop_null_columns leaves some out). */
    readonly channels: readonly number[],
    readonly columnar: boolean,
  ) {}
}

export type JsonNode =
  | null
  | boolean
  | number
  | bigint
  | string
  | EsqlValues
  | readonly JsonNode[]
  | { readonly [key: string]: JsonNode | undefined };

export function writeJson(node: JsonNode, pretty = false): string {
  const out: string[] = [];
  write(node, pretty ? 0 : -1, out);
  if (pretty) out.push('\n');
  return out.join('');
}

/** `indent` < 0 means compact output. */
function write(node: JsonNode, indent: number, out: string[]): void {
  if (node === null) {
    out.push('null');
  } else if (typeof node === 'string') {
    out.push(JSON.stringify(node));
  } else if (typeof node === 'number') {
    out.push(Number.isFinite(node) ? String(node) : 'null');
  } else if (typeof node === 'bigint') {
    out.push(node.toString());
  } else if (typeof node === 'boolean') {
    out.push(node ? 'true' : 'false');
  } else if (node instanceof EsqlValues) {
    writeValues(node, indent, out);
  } else if (Array.isArray(node)) {
    const items = node as readonly JsonNode[];
    if (items.length === 0) {
      out.push(indent < 0 ? '[]' : '[ ]');
      return;
    }
    const child = indent < 0 ? -1 : indent + 1;
    out.push('[');
    for (let i = 0; i < items.length; i++) {
      if (i > 0) out.push(',');
      newline(child, out);
      write(items[i], child, out);
    }
    newline(indent, out);
    out.push(']');
  } else {
    writeObject(node as { readonly [key: string]: JsonNode | undefined }, indent, out);
  }
}

function writeObject(obj: { readonly [key: string]: JsonNode | undefined }, indent: number, out: string[]): void {
  const child = indent < 0 ? -1 : indent + 1;
  let first = true;
  out.push('{');
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (v === undefined) continue;
    if (!first) out.push(',');
    first = false;
    newline(child, out);
    out.push(JSON.stringify(key), indent < 0 ? ':' : ' : ');
    write(v, child, out);
  }
  if (first) {
    out.pop();
    out.push(indent < 0 ? '{}' : '{ }');
    return;
  }
  newline(indent, out);
  out.push('}');
}

function newline(indent: number, out: string[]): void {
  if (indent >= 0) out.push('\n', '  '.repeat(indent));
}

/** Rows or columns of cells; the outer loops stay allocation-free per row. */
function writeValues(v: EsqlValues, indent: number, out: string[]): void {
  const { rows, types, channels } = v;
  const outerCount = v.columnar ? channels.length : rows.length;
  const innerCount = v.columnar ? rows.length : channels.length;
  if (outerCount === 0) {
    out.push(indent < 0 ? '[]' : '[ ]');
    return;
  }
  const inner = indent < 0 ? -1 : indent + 1;
  out.push('[');
  for (let o = 0; o < outerCount; o++) {
    if (o > 0) out.push(',');
    newline(inner, out);
    if (innerCount === 0) {
      out.push(indent < 0 ? '[]' : '[ ]');
      continue;
    }
    out.push('[');
    for (let i = 0; i < innerCount; i++) {
      if (i > 0) out.push(',');
      newline(inner < 0 ? -1 : inner + 1, out);
      const channel = v.columnar ? channels[o] : channels[i];
      const row = v.columnar ? rows[i] : rows[o];
      writeCell(row[channel], types[channel], inner < 0 ? -1 : inner + 1, out);
    }
    newline(inner, out);
    out.push(']');
  }
  newline(indent, out);
  out.push(']');
}

function writeCell(cell: Value, type: DataType, indent: number, out: string[]): void {
  if (!Array.isArray(cell)) {
    out.push(scalarToJson(cell as Exclude<Value, readonly Value[]>, type));
    return;
  }
  const values = cell as readonly Value[];
  if (values.length === 0) {
    out.push(indent < 0 ? '[]' : '[ ]');
    return;
  }
  out.push('[');
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out.push(',');
    newline(indent < 0 ? -1 : indent + 1, out);
    writeCell(values[i], type, indent < 0 ? -1 : indent + 1, out);
  }
  newline(indent, out);
  out.push(']');
}
