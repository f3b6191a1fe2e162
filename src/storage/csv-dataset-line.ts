/**
 * One data line of an ES csv-spec dataset (CsvTestUtils.multiValuesAwareCsvToStringArray): fields
 * split on `,` except `\,`, inside `"…"` or inside a `[…]` multi-value. A field is null (empty,
 * `[]`), one value, or a multi-value; values are trimmed and unquoted.
 */
export type CsvField = null | string | string[];

export function splitDatasetLine(line: string): CsvField[] {
  return splitTopLevel(line).map(interpretField);
}

/** Raw field texts, still quoted/escaped. */
function splitTopLevel(line: string): string[] {
  const fields: string[] = [];
  let start = 0;
  let inQuotes = false;
  let inBrackets = false;
  let fieldStart = true;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      i++;
      fieldStart = false;
      continue;
    }
    if (inQuotes) {
      if (c === '"') inQuotes = false;
      continue;
    }
    if (c === '"') {
      inQuotes = true;
      fieldStart = false;
      continue;
    }
    if (inBrackets) {
      if (c === ']') inBrackets = false;
      continue;
    }
    if (c === '[' && fieldStart) {
      inBrackets = true;
      fieldStart = false;
      continue;
    }
    if (c === ',') {
      fields.push(line.slice(start, i));
      start = i + 1;
      fieldStart = true;
      continue;
    }
    if (c !== ' ' && c !== '\t') fieldStart = false;
  }
  fields.push(line.slice(start));
  return fields;
}

function interpretField(raw: string): CsvField {
  const t = raw.trim();
  if (t === '') return null;
  if (t.startsWith('[') && t.endsWith(']')) {
    const inner = t.slice(1, -1).trim();
    if (inner === '') return null;
    const elements = splitTopLevel(inner).map((e) => unquote(e.trim()));
    return elements.length === 1 ? elements[0] : elements;
  }
  return unquote(t);
}

/** Strips one level of `"…"` (where `""` is a literal quote) and unescapes `\,`. */
function unquote(t: string): string {
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
    return t.slice(1, -1).replace(/""/g, '"').replace(/\\,/g, ',');
  }
  return t.replace(/\\,/g, ',');
}
