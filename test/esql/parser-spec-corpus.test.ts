import { describe, expect, it } from 'vitest';
import type { Field, Query } from '../../src/esql/ast.js';
import { parse } from '../../src/esql/parser.js';
import { SourcePositions } from '../../src/esql/lexer.js';
import { readSpecQueries, usesUnsupportedCommand, type SpecQuery } from './parser-corpus.js';

const queries = readSpecQueries().filter((q) => !usesUnsupportedCommand(q.query));

function parsed(): { q: SpecQuery; ast: Query }[] {
  const out: { q: SpecQuery; ast: Query }[] = [];
  for (const q of queries) {
    try {
      out.push({ q, ast: parse(q.query) });
    } catch {
      // counted by the first test
    }
  }
  return out;
}

/** Every `source` object in the tree, found structurally so new node kinds are covered too. */
function* sources(node: unknown): Generator<{ line: number; column: number; text: string }> {
  if (Array.isArray(node)) {
    for (const n of node) yield* sources(n);
  } else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'source' && v !== null && typeof v === 'object' && 'line' in v) yield v as { line: number; column: number; text: string };
      else yield* sources(v);
    }
  }
}

/** Commands after the last field-producing one that keep every column and its name. */
const NAME_PRESERVING = new Set(['sort', 'limit', 'where', 'mv_expand']);

function lastFields(ast: Query): readonly Field[] | undefined {
  const cmds = [ast.source, ...ast.commands];
  let i = cmds.length - 1;
  while (i > 0 && NAME_PRESERVING.has(cmds[i].kind)) i--;
  const c = cmds[i];
  if (c.kind === 'row' || c.kind === 'eval') return c.fields;
  if (c.kind === 'stats') return [...c.aggregates, ...c.groupings];
  return undefined;
}

describe('parser over the csv-spec corpus', () => {
  it('parses at least 98% of the queries that use only supported commands', () => {
    const failures: string[] = [];
    for (const q of queries) {
      try {
        parse(q.query);
      } catch (e) {
        failures.push(`${q.file}:${q.name}: ${(e as Error).message}`);
      }
    }
    const ok = queries.length - failures.length;
    console.log(`parsed ${ok}/${queries.length} spec queries${failures.length ? `; failures:\n${failures.join('\n')}` : ''}`);
    expect(queries.length).toBeGreaterThan(500);
    expect(ok / queries.length).toBeGreaterThanOrEqual(0.98);
  });

  it('gives every node a source whose text sits at its line and column', () => {
    const bad: string[] = [];
    for (const { q, ast } of parsed()) {
      const positions = new SourcePositions(q.query);
      const lineStarts = [0, ...[...q.query].flatMap((c, i) => (c === '\n' ? [i + 1] : []))];
      for (const s of sources(ast)) {
        const offset = lineStarts[s.line - 1] + s.column - 1;
        if (!q.query.startsWith(s.text, offset) || s.text.length === 0 || positions.position(offset).line !== s.line) {
          bad.push(`${q.file}:${q.name}: ${JSON.stringify(s)}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('names the columns of the last ROW/EVAL/STATS the way the expected tables do', () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const { q, ast } of parsed()) {
      const fields = lastFields(ast);
      // Disabled tests may carry wrong expectations (countDistinctNull does).
      const disabled = q.name.endsWith('-Ignore') || q.name.includes('9.99.99');
      if (!fields || !q.columns || disabled) continue;
      checked++;
      const missing = fields.map((f) => f.name).filter((n) => !q.columns!.includes(n));
      if (missing.length) mismatches.push(`${q.file}:${q.name}: ${missing.join(', ')} not in ${q.columns.join(' | ')}`);
    }
    console.log(`checked column names of ${checked} queries`);
    expect(checked).toBeGreaterThan(200);
    expect(mismatches).toEqual([]);
  });
});
