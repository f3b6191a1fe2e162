import type { FunctionContext } from '../../function-definition.js';

/**
 * Reports an aggregate's evaluation failures (long overflow, multi-value, / by zero) against the
 * call's source. ES sends warnings as response headers, which drop identical values, so each
 * distinct failure is reported once per aggregate, however many groups or rows hit it.
 */
export class FailureReporter {
  private readonly seen = new Set<string>();

  constructor(private readonly ctx: FunctionContext) {}

  fail(exceptionClass: string, message: string): void {
    const key = `${exceptionClass}: ${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.ctx.warnings.fail(this.ctx.source, exceptionClass, message);
  }

  longOverflow(): void {
    this.fail('java.lang.ArithmeticException', 'long overflow');
  }

  multiValue(): void {
    this.fail('java.lang.IllegalArgumentException', 'single-value function encountered multi-value');
  }
}
