import type { AnalyzedQuery } from './analyzer/plan-step.js';
import type { LiteralScalar, Query, QueryParams } from './ast.js';
import { LruMap } from './lru-map.js';

/** Functions whose value is the query's start time (`nowMs`): analysis folds them into literals. */
const CLOCK_FUNCTIONS: ReadonlySet<string> = new Set(['now']);

interface Entry {
  readonly generation: number;
  readonly analyzed: AnalyzedQuery;
}

/**
 * Analyzed queries by (text, params), least recently used evicted first: a dashboard or a benchmark
 * sends the same query again and again, and analysis is a fixed cost per prepare(). Sharing one is
 * safe: an AnalyzedQuery is immutable and every execution already plans its own operators from it.
 * An entry is valid only for the catalog generation it was analyzed against (indices resolved,
 * columns typed). Not kept: queries that read the clock (NOW(), and date math over it, folds to a
 * literal of `nowMs`), texts over `maxTextLength`, and analysis errors (thrown again each time).
 */
export class AnalysisCache {
  private readonly entries: LruMap<string, Entry>;

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
    if (text.length > this.maxTextLength) return undefined;
    const key = cacheKey(text, params);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.generation !== generation) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.analyzed;
  }

  /** Keeps `analyzed` (the analysis of `ast`, parsed from text and params) unless it is not cacheable. */
  set(text: string, params: QueryParams | undefined, generation: number, ast: Query, analyzed: AnalyzedQuery): void {
    if (text.length > this.maxTextLength || readsClock(ast)) return;
    this.entries.set(cacheKey(text, params), { generation, analyzed });
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
