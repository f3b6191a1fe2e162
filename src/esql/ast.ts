/**
 * The ES|QL syntax tree produced by parser.ts and consumed by the analyzer. Every node keeps its
 * `source`: the 1-based line/column where it starts and the exact query text it spans. The text names
 * unaliased columns (`ROUND(AVG(x), 1)`) and appears in warnings; line/column appear in errors.
 */

export interface Source {
  readonly line: number;
  readonly column: number;
  readonly text: string;
}

export type LiteralType =
  | 'null'
  | 'boolean'
  | 'integer'
  | 'long'
  | 'unsigned_long'
  | 'double'
  | 'keyword';

/** A scalar literal value: numbers that do not fit a JS number exactly are bigints. */
export type LiteralScalar = null | boolean | number | bigint | string;

export interface Literal {
  readonly kind: 'literal';
  readonly type: LiteralType;
  /** A list for multi-value literals (`[1, 2]`), otherwise a scalar. */
  readonly value: LiteralScalar | readonly LiteralScalar[];
  readonly source: Source;
}

/** `1 day`, `3 hours`: an integer literal qualified by a unit identifier. `unit` is lower-cased as written. */
export interface TimeSpan {
  readonly kind: 'timespan';
  readonly amount: number;
  readonly unit: string;
  readonly source: Source;
}

/** A (possibly dotted) field name; backticks removed and ` `` ` unescaped. */
export interface FieldRef {
  readonly kind: 'field';
  readonly name: string;
  readonly source: Source;
}

export interface FunctionCall {
  readonly kind: 'call';
  /** Lower-cased function name. */
  readonly name: string;
  readonly args: readonly Expression[];
  /** `COUNT(*)` */
  readonly star: boolean;
  readonly source: Source;
}

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';
export type ComparisonOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type LogicalOp = 'and' | 'or';

export interface Binary {
  readonly kind: 'binary';
  readonly op: ArithmeticOp | ComparisonOp | LogicalOp;
  readonly left: Expression;
  readonly right: Expression;
  readonly source: Source;
}

export interface Not {
  readonly kind: 'not';
  readonly operand: Expression;
  readonly source: Source;
}

export interface Negate {
  readonly kind: 'neg';
  readonly operand: Expression;
  readonly source: Source;
}

export interface In {
  readonly kind: 'in';
  readonly value: Expression;
  readonly list: readonly Expression[];
  readonly negated: boolean;
  readonly source: Source;
}

export interface IsNull {
  readonly kind: 'is_null';
  readonly operand: Expression;
  readonly negated: boolean;
  readonly source: Source;
}

export interface Like {
  readonly kind: 'like' | 'rlike';
  readonly value: Expression;
  /** The pattern string as written (escapes of the string literal already applied). */
  readonly pattern: string;
  readonly negated: boolean;
  readonly source: Source;
}

/** `expr::type`; `targetType` lower-cased as written (`int`, `datetime`, `long`, ...). */
export interface Cast {
  readonly kind: 'cast';
  readonly operand: Expression;
  readonly targetType: string;
  readonly source: Source;
}

export type Expression =
  | Literal
  | TimeSpan
  | FieldRef
  | FunctionCall
  | Binary
  | Not
  | Negate
  | In
  | IsNull
  | Like
  | Cast;

/** `name = expr` or a bare `expr`, whose name is then its source text. */
export interface Field {
  readonly name: string;
  /** True when the name was written (`x = ...`), false when taken from the expression text. */
  readonly aliased: boolean;
  readonly expr: Expression;
  readonly source: Source;
}

export interface AggregateField extends Field {
  /** Per-aggregate filter: `COUNT(*) WHERE x > 1`. */
  readonly where?: Expression;
}

/** A KEEP/DROP/RENAME name that may contain `*` wildcards. */
export interface NamePattern {
  readonly pattern: string;
  readonly source: Source;
}

export interface SortOrder {
  readonly expr: Expression;
  readonly direction: 'asc' | 'desc';
  /** Undefined means the default: nulls last for ASC, first for DESC. */
  readonly nulls?: 'first' | 'last';
  readonly source: Source;
}

export interface FromCommand {
  readonly kind: 'from';
  readonly indices: readonly NamePattern[];
  readonly metadata: readonly string[];
  readonly source: Source;
}
export interface RowCommand {
  readonly kind: 'row';
  readonly fields: readonly Field[];
  readonly source: Source;
}
export interface ShowCommand {
  readonly kind: 'show';
  readonly what: 'info';
  readonly source: Source;
}
export interface EvalCommand {
  readonly kind: 'eval';
  readonly fields: readonly Field[];
  readonly source: Source;
}
export interface WhereCommand {
  readonly kind: 'where';
  readonly condition: Expression;
  readonly source: Source;
}
export interface KeepCommand {
  readonly kind: 'keep';
  readonly patterns: readonly NamePattern[];
  readonly source: Source;
}
export interface DropCommand {
  readonly kind: 'drop';
  readonly patterns: readonly NamePattern[];
  readonly source: Source;
}
export interface RenameCommand {
  readonly kind: 'rename';
  /** Both `old AS new` and `new = old` are normalised to {from: old, to: new}. */
  readonly renames: readonly { readonly from: NamePattern; readonly to: string; readonly source: Source }[];
  readonly source: Source;
}
export interface LimitCommand {
  readonly kind: 'limit';
  readonly count: number;
  readonly source: Source;
}
export interface SortCommand {
  readonly kind: 'sort';
  readonly orders: readonly SortOrder[];
  readonly source: Source;
}
export interface StatsCommand {
  readonly kind: 'stats';
  readonly aggregates: readonly AggregateField[];
  readonly groupings: readonly Field[];
  readonly source: Source;
}
export interface MvExpandCommand {
  readonly kind: 'mv_expand';
  readonly field: FieldRef;
  readonly source: Source;
}
export interface DissectCommand {
  readonly kind: 'dissect';
  readonly input: Expression;
  readonly pattern: string;
  readonly appendSeparator?: string;
  readonly source: Source;
}
export interface GrokCommand {
  readonly kind: 'grok';
  readonly input: Expression;
  readonly patterns: readonly string[];
  readonly source: Source;
}

export type SourceCommand = FromCommand | RowCommand | ShowCommand;
export type ProcessingCommand =
  | EvalCommand
  | WhereCommand
  | KeepCommand
  | DropCommand
  | RenameCommand
  | LimitCommand
  | SortCommand
  | StatsCommand
  | MvExpandCommand
  | DissectCommand
  | GrokCommand;

export type Command = SourceCommand | ProcessingCommand;

export interface Query {
  readonly source: SourceCommand;
  readonly commands: readonly ProcessingCommand[];
}

/** Request parameters (`params` in the body): positional values or named values. */
export type QueryParams =
  | readonly LiteralScalar[]
  | Readonly<Record<string, LiteralScalar>>;
