import type { Query, QueryParams } from './ast.js';
import { LruMap } from './lru-map.js';
import { parse } from './parser.js';

/**
 * The syntax trees of recently parsed query texts, least recently used evicted first. Clients send the
 * same text again and again (dashboards, retries, benchmarks), and for a small query (`ROW a = 1`)
 * parsing was half of prepare(). Sharing a tree is safe: it is a pure function of the text and is
 * never mutated (readonly throughout; the analyzer builds its own plan from it). Not kept: queries
 * with params (substituted while parsing), texts over `maxTextLength` (a tree takes ~40 times its
 * text: 128 trees of 1 KiB texts are ~5 MB; a longer query's parse is small next to its run), and
 * parse errors (thrown again each time).
 */
export class ParseCache {
  private readonly trees: LruMap<string, Query>;

  constructor(
    capacity = 128,
    private readonly maxTextLength = 1024,
  ) {
    this.trees = new LruMap(capacity);
  }

  get size(): number {
    return this.trees.size;
  }

  parse(text: string, params?: QueryParams): Query {
    if (params !== undefined || text.length > this.maxTextLength) return parse(text, params);
    const cached = this.trees.get(text);
    if (cached !== undefined) return cached;
    const tree = parse(text);
    this.trees.set(text, tree);
    return tree;
  }
}
