/**
 * Binds `?`, `?N` and `?name` to the request's params while parsing, so the AST only ever holds Literals.
 * Anonymous `?` take the params in order of appearance; `?N` is 1-based.
 */
import type { LiteralScalar, QueryParams } from '../ast.js';
import { paramValue, type TypedValue } from './literal-values.js';

type ParamStyle = 'anonymous' | 'positional' | 'named';

export class ParamBinder {
  private anonymousCount = 0;
  private style: ParamStyle | undefined;

  constructor(private readonly params: QueryParams | undefined) {}

  /** `ref` is the text after `?`: empty, digits or a name. */
  bind(ref: string): TypedValue | { error: string } {
    const style: ParamStyle = ref === '' ? 'anonymous' : /^\d+$/.test(ref) ? 'positional' : 'named';
    // ES refuses a mix, since a `?` after `?1` has no obvious position.
    if (this.style !== undefined && this.style !== style) {
      return { error: 'Inconsistent parameter declaration, use one of positional, named or anonymous params but not a combination of' };
    }
    this.style = style;
    const params = this.params;
    if (style === 'named') {
      const named = params !== undefined && !Array.isArray(params) ? (params as Readonly<Record<string, LiteralScalar>>) : {};
      if (!Object.hasOwn(named, ref)) return { error: `Unknown query parameter [${ref}]` };
      return paramValue(named[ref]);
    }
    const position = style === 'anonymous' ? ++this.anonymousCount : Number(ref);
    const list = Array.isArray(params) ? (params as readonly LiteralScalar[]) : [];
    if (position < 1 || position > list.length) {
      const hint = list.length > 0 ? `, did you mean any position between 1 and ${list.length}?` : '';
      return { error: `No parameter is defined for position ${position}${hint}` };
    }
    return paramValue(list[position - 1]);
  }
}
