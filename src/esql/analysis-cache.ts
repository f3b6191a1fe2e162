import type { AnalyzedQuery } from './analyzer/plan-step.js';
import type { LiteralScalar, Query, QueryParams } from './ast.js';
import { LruMap } from './lru-map.js';

/** Functions whose value is the query's start time (`nowMs`): analysis folds them into literals. */
const CLOCK_FUNCTIONS: ReadonlySet<string> = new Set(['now']);


/**
 * Analyzed queries by (text, params), least recently used evicted first: a dashboard or a benchmark
 * sends the same query again and again, and analysis is a fixed cost per prepare(). Sharing one is
 * safe: an AnalyzedQuery is immutable and every execution already plans its own operators from it.
 * Entries are valid only for the catalog generation they were analyzed against (indices resolved,
 * columns typed): a new generation drops them all at once, so an analysis never keeps a deleted or
 * replaced index's segments alive. Not kept: queries that read the clock (NOW(), and date math over it, folds to a
 * literal of `nowMs`), texts over `maxTextLength`, and analysis errors (thrown again each time).
 */
export class AnalysisCache {
  private readonly entries: LruMap<string, AnalyzedQuery>;
  /** The catalog generation the entries were analyzed against. */
  private generation = -1;

  constructor(
    capacity = 128,
    private readonly maxTextLength = 1024,
  ) {
    this.entries = new LruMap(capacity);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The query analyzed for this catalog generation, or undefined. */
  get(text: string, params: QueryParams | undefined, generation: number): AnalyzedQuery | undefined {
    this.follow(generation);
    if (text.length > this.maxTextLength) return undefined;
    return this.entries.get(cacheKey(text, params));
  }

  /** Keeps `analyzed` (the analysis of `ast`, parsed from text and params) unless it is not cacheable. */
  set(text: string, params: QueryParams | undefined, generation: number, ast: Query, analyzed: AnalyzedQuery): void {
    this.follow(generation);
    if (text.length > this.maxTextLength || readsClock(ast)) return;
    this.entries.set(cacheKey(text, params), analyzed);
  }

  private follow(generation: number): void {
    if (generation === this.generation) return;
    this.entries.clear();
    this.generation = generation;
  }
}

/** Text and params as one unambiguous string: params keep their types (1, 1n, '1' and -0 differ). */
function cacheKey(text: string, params: QueryParams | undefined): string {
  if (params === undefined) return `t${text}`;
  const values = Array.isArray(params)
    ? (params as readonly LiteralScalar[]).map(encodeParam)
    : Object.entries(params as Readonly<Record<string, LiteralScalar>>).map(([name, v]) => [name, encodeParam(v)]);
  return `p${JSON.stringify([text, Array.isArray(params) ? 'positional' : 'named', values])}`;
}

const encodeParam = (v: LiteralScalar): string => (v === null ? 'null' : `${typeof v}:${Object.is(v, -0) ? '-0' : String(v)}`);

/** Whether the syntax tree calls a clock function anywhere (any command, any depth). */
function readsClock(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  if (Array.isArray(node)) return node.some(readsClock);
  const record = node as Record<string, unknown>;
  if (record.kind === 'call' && typeof record.name === 'string' && CLOCK_FUNCTIONS.has(record.name)) return true;
  return Object.values(record).some(readsClock);
}
