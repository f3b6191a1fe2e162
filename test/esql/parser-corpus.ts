/** Extracts queries from the csv-spec corpus for the parser smoke test. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SPEC_DIR = '/work/shared/esql-spec';

export interface SpecQuery {
  readonly file: string;
  readonly name: string;
  readonly query: string;
  /** Column names of the expected table, or undefined when the test expects an error. */
  readonly columns?: readonly string[];
}

const DIRECTIVE = /^(warning|warningRegex|ignoreOrder)\s*:/i;

/** `name:type` cells; the type is after the last single `:` (names like `a::b` do not occur here). */
function headerColumns(line: string): string[] {
  return line.split('|').map((cell) => cell.trim().replace(/\s*:\s*[A-Za-z_]+$/, '').trim());
}

/** Test name line, optional directive lines, then lines up to one ending in `;` (comments skipped). */
export function readSpecQueries(dir = SPEC_DIR): SpecQuery[] {
  const out: SpecQuery[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv-spec')).sort()) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    let i = 0;
    const skip = (l: string) => l.trim() === '' || l.trim().startsWith('//') || l.trim().startsWith('#');
    while (i < lines.length) {
      while (i < lines.length && skip(lines[i])) i++;
      if (i >= lines.length) break;
      const name = lines[i++].trim();
      while (i < lines.length && (skip(lines[i]) || /^(required_capability|skip_flattened_rewrite|request_stored|approximate)\s*:/i.test(lines[i].trim()))) i++;
      const queryLines: string[] = [];
      while (i < lines.length) {
        const line = lines[i++];
        if (line.trim().startsWith('//') || line.trim().startsWith('#')) continue;
        if (line.trimEnd().endsWith('\\;')) {
          queryLines.push(line.trimEnd().slice(0, -2) + ';');
          continue;
        }
        if (line.trimEnd().endsWith(';')) {
          queryLines.push(line.trimEnd().slice(0, -1));
          break;
        }
        queryLines.push(line);
      }
      // The result section ends with a line starting with `;`; its first table line is the header.
      let columns: string[] | undefined;
      while (i < lines.length && !lines[i].trim().startsWith(';')) {
        const line = lines[i++].trim();
        if (columns === undefined && !skip(line) && !DIRECTIVE.test(line)) columns = headerColumns(line);
      }
      i++;
      out.push({ file, name, query: queryLines.join('\r\n'), ...(columns ? { columns } : {}) });
    }
  }
  return out;
}

const UNSUPPORTED = /^(enrich|lookup|fork|inlinestats|inline|change_point|sample|completion|rerank|fuse|explain|ts|promql)$/i;

/** Queries using commands this engine does not implement, judged by the first word of each command. */
export function usesUnsupportedCommand(query: string): boolean {
  return query.split('|').some((part) => UNSUPPORTED.test(part.trim().split(/\s+/)[0] ?? ''));
}
