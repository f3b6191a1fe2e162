/**
 * A per-value evaluation failure: the evaluator catches it, records it as a response warning
 * (`<exceptionClass>: <message>`) and yields null at that position, as ES does. Thrown only on the
 * failing value, so the happy path allocates nothing.
 */
export class EvalFailure extends Error {
  constructor(
    readonly exceptionClass: string,
    message: string,
  ) {
    super(message);
    this.name = 'EvalFailure';
  }
}

export const arithmeticFailure = (message: string): EvalFailure =>
  new EvalFailure('java.lang.ArithmeticException', message);

export const illegalArgumentFailure = (message: string): EvalFailure =>
  new EvalFailure('java.lang.IllegalArgumentException', message);

/** ES's `InvalidArgumentException`, used for out-of-range numeric conversions. */
export const invalidArgumentFailure = (message: string): EvalFailure =>
  new EvalFailure('org.elasticsearch.xpack.esql.core.InvalidArgumentException', message);

/** Java's `Long.parseLong`/`Integer.parseInt` failure text: `For input string: "foo"`. */
export const numberFormatFailure = (input: string): EvalFailure =>
  new EvalFailure('java.lang.NumberFormatException', `For input string: "${input}"`);

export const outOfRange = (value: string, type: string): EvalFailure =>
  invalidArgumentFailure(`[${value}] out of [${type}] range`);
