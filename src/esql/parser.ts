/**
 * ES|QL text -> AST. A hand-written lexer (lexer.ts) and a recursive-descent parser (parser/*.ts);
 * syntax errors are `parsing_exception`s whose reason starts with `line L:C:` like the ANTLR ones in ES.
 */
import { parsingException } from '../errors.js';
import type { Query, QueryParams } from './ast.js';
import { CommandParser } from './parser/command-parser.js';

export function parse(query: string, params?: QueryParams): Query {
  try {
    return new CommandParser(query, params).parseQuery();
  } catch (e) {
    // The depth limit normally fires first; this covers a caller that is already deep in its own stack.
    if (e instanceof RangeError) throw parsingException('line 1:1: ESQL statement is too deeply nested to parse');
    throw e;
  }
}
