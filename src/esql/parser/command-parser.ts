/**
 * Parses the command pipeline `source | cmd | cmd ...` on top of the expression parser. Each command
 * method consumes its keyword and everything up to (not including) the next `|`.
 */
import type {
  AggregateField,
  DissectCommand,
  Field,
  FromCommand,
  GrokCommand,
  NamePattern,
  ProcessingCommand,
  Query,
  RenameCommand,
  SortOrder,
  SourceCommand,
  StatsCommand,
} from '../ast.js';
import type { Token } from '../lexer.js';
import { ExpressionParser } from './expression-parser.js';

const SOURCE_COMMANDS = ['from', 'row', 'show'];
const PROCESSING_COMMANDS = ['dissect', 'drop', 'eval', 'grok', 'keep', 'limit', 'mv_expand', 'rename', 'sort', 'stats', 'where'];
const METADATA_FIELDS = new Set(['_index', '_id', '_version', '_score', '_source', '_ignored', '_index_mode', '_tier']);

const quoted = (words: readonly string[]) => words.map((w) => `'${w}'`);

export class CommandParser extends ExpressionParser {
  parseQuery(): Query {
    this.setStatements();
    const source = this.sourceCommand();
    const commands: ProcessingCommand[] = [];
    for (;;) {
      if (this.peek().kind === 'eof') break;
      if (!this.acceptOp('|')) this.mismatched(["'|'", '<EOF>']);
      commands.push(this.processingCommand());
    }
    return { source, commands };
  }

  /** `SET name = value;` settings (newer ES) are accepted and ignored: none of them changes results here. */
  private setStatements(): void {
    while (this.isKeyword('set') && (this.peek(1).kind === 'ident' || this.peek(1).kind === 'qident')) {
      this.next();
      this.qualifiedName();
      this.expectOp('=');
      this.booleanExpression();
      this.expectOp(';');
    }
  }

  private sourceCommand(): SourceCommand {
    const tok = this.peek();
    const word = tok.kind === 'ident' ? tok.text.toLowerCase() : '';
    if (!SOURCE_COMMANDS.includes(word)) this.mismatched(quoted(SOURCE_COMMANDS));
    this.next();
    switch (word) {
      case 'from':
        return this.from(tok);
      case 'row':
        return { kind: 'row', fields: this.fields(), source: this.sourceFrom(tok.start) };
      default:
        this.expectKeyword('info');
        return { kind: 'show', what: 'info', source: this.sourceFrom(tok.start) };
    }
  }

  private processingCommand(): ProcessingCommand {
    const tok = this.peek();
    const word = tok.kind === 'ident' ? tok.text.toLowerCase() : '';
    if (!PROCESSING_COMMANDS.includes(word)) this.mismatched(quoted(PROCESSING_COMMANDS));
    this.next();
    return this.commandBody(word, tok);
  }

  private commandBody(word: string, tok: Token): ProcessingCommand {
    const start = tok.start;
    switch (word) {
      case 'eval':
        return { kind: 'eval', fields: this.fields(), source: this.sourceFrom(start) };
      case 'where':
        return { kind: 'where', condition: this.booleanExpression(), source: this.sourceFrom(start) };
      case 'keep':
        return { kind: 'keep', patterns: this.namePatterns(), source: this.sourceFrom(start) };
      case 'drop':
        return { kind: 'drop', patterns: this.namePatterns(), source: this.sourceFrom(start) };
      case 'rename':
        return this.rename(start);
      case 'limit':
        return { kind: 'limit', count: this.limitCount(), source: this.sourceFrom(start) };
      case 'sort':
        return { kind: 'sort', orders: this.commaSeparated(() => this.sortOrder()), source: this.sourceFrom(start) };
      case 'stats':
        return this.stats(tok);
      case 'mv_expand':
        return { kind: 'mv_expand', field: this.fieldRef(), source: this.sourceFrom(start) };
      case 'dissect':
        return this.dissect(start);
      default:
        return this.grok(start);
    }
  }

  private commaSeparated<T>(item: () => T): T[] {
    const items = [item()];
    while (this.acceptOp(',')) items.push(item());
    return items;
  }

  private from(tok: Token): FromCommand {
    const indices = this.commaSeparated(() => this.indexPattern());
    const metadata: string[] = [];
    if (this.acceptKeyword('metadata')) {
      this.commaSeparated(() => {
        const tok = this.peek();
        const field = this.indexPattern().pattern;
        if (!METADATA_FIELDS.has(field)) this.fail(tok, `unsupported metadata field [${field}]`);
        metadata.push(field);
      });
    }
    return { kind: 'from', indices, metadata, source: this.sourceFrom(tok.start) };
  }

  private indexPattern(): NamePattern {
    const tok = this.peek();
    if (tok.kind !== 'index' && tok.kind !== 'string') this.mismatched(['UNQUOTED_SOURCE', 'QUOTED_STRING']);
    this.next();
    return { pattern: tok.value, source: this.span(tok.start, tok.end) };
  }

  /** `name = expr` or `expr`; an unaliased field is named by its text, or by the column it references. */
  private field(): Field {
    const start = this.peek().start;
    if (this.atAssignment()) {
      const { name } = this.qualifiedName();
      this.expectOp('=');
      const expr = this.booleanExpression();
      return { name, aliased: true, expr, source: this.sourceFrom(start) };
    }
    const expr = this.booleanExpression();
    const source = this.sourceFrom(start);
    return { name: expr.kind === 'field' ? expr.name : source.text, aliased: false, expr, source };
  }

  private fields(): Field[] {
    return this.commaSeparated(() => this.field());
  }

  private namePattern(): NamePattern {
    const tok = this.peek();
    if (tok.kind !== 'pattern') this.mismatched(['ID_PATTERN']);
    this.next();
    return { pattern: tok.value, source: this.span(tok.start, tok.end) };
  }

  private namePatterns(): NamePattern[] {
    return this.commaSeparated(() => this.namePattern());
  }

  /** Both `old AS new` and `new = old`, normalised to {from: old, to: new}. */
  private rename(start: number): RenameCommand {
    const renames = this.commaSeparated(() => {
      const clauseStart = this.peek();
      const first = this.namePattern();
      let from: NamePattern;
      let to: NamePattern;
      if (this.acceptOp('=')) {
        from = this.namePattern();
        to = first;
      } else {
        if (!this.isKeyword('as')) this.mismatched(["'as'", "'='"]);
        this.next();
        from = first;
        to = this.namePattern();
      }
      const source = this.sourceFrom(clauseStart.start);
      // Only an unquoted `*` is a wildcard; `COUNT(*)` in backticks is a plain name.
      const unquoted = (p: NamePattern) => p.source.text.replace(/`(?:[^`]|``)*`/g, '');
      if (unquoted(from).includes('*') || unquoted(to).includes('*')) {
        this.fail(clauseStart, `Using wildcards [*] in RENAME is not allowed [${source.text}]`);
      }
      return { from, to: to.pattern, source };
    });
    return { kind: 'rename', renames, source: this.sourceFrom(start) };
  }

  private limitCount(): number {
    const tok = this.peek();
    let value: unknown;
    if (tok.kind === 'int') value = Number(tok.text);
    else if (tok.kind === 'param') value = this.paramValueOf(tok).value;
    else this.mismatched(['INTEGER_LITERAL']);
    this.next();
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1) {
      this.fail(tok, `Invalid value for LIMIT [${String(value)}], expecting a non negative integer`);
    }
    return value;
  }

  private sortOrder(): SortOrder {
    const start = this.peek().start;
    const expr = this.booleanExpression();
    let direction: 'asc' | 'desc' = 'asc';
    if (this.acceptKeyword('desc')) direction = 'desc';
    else this.acceptKeyword('asc');
    let nulls: 'first' | 'last' | undefined;
    if (this.acceptKeyword('nulls')) {
      if (this.acceptKeyword('first')) nulls = 'first';
      else if (this.acceptKeyword('last')) nulls = 'last';
      else this.mismatched(["'first'", "'last'"]);
    }
    const source = this.sourceFrom(start);
    return nulls === undefined ? { expr, direction, source } : { expr, direction, nulls, source };
  }

  private stats(tok: Token): StatsCommand {
    const aggregates: AggregateField[] = [];
    if (!this.isKeyword('by') && !this.atCommandEnd()) {
      aggregates.push(...this.commaSeparated(() => this.aggregateField()));
    }
    const groupings: Field[] = this.acceptKeyword('by') ? this.fields() : [];
    if (aggregates.length === 0 && groupings.length === 0) {
      this.fail(tok, `At least one aggregation or grouping expression required in [${this.query.slice(tok.start, this.lastEnd())}]`);
    }
    return { kind: 'stats', aggregates, groupings, source: this.sourceFrom(tok.start) };
  }

  /** The name comes from the aggregate alone: `COUNT(*) WHERE x > 1` is named `COUNT(*)`. */
  private aggregateField(): AggregateField {
    const start = this.peek().start;
    const field = this.field();
    if (!this.acceptKeyword('where')) return field;
    const where = this.booleanExpression();
    return { ...field, where, source: this.sourceFrom(start) };
  }

  private atCommandEnd(): boolean {
    return this.peek().kind === 'eof' || this.isOp('|');
  }

  private dissect(start: number): DissectCommand {
    const input = this.postfix();
    const pattern = this.stringValue();
    let appendSeparator: string | undefined;
    if (this.peek().kind === 'ident' && this.isOp('=', 1)) {
      this.commaSeparated(() => {
        const option = this.next();
        this.expectOp('=');
        const value = this.stringValue();
        if (option.text.toLowerCase() !== 'append_separator') this.fail(option, `Invalid option for dissect: [${option.text}]`);
        appendSeparator = value;
      });
    }
    const source = this.sourceFrom(start);
    return appendSeparator === undefined
      ? { kind: 'dissect', input, pattern, source }
      : { kind: 'dissect', input, pattern, appendSeparator, source };
  }

  private grok(start: number): GrokCommand {
    const input = this.postfix();
    const patterns = this.commaSeparated(() => this.stringValue());
    return { kind: 'grok', input, patterns, source: this.sourceFrom(start) };
  }
}
