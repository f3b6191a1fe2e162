import type { Source } from './ast.js';

/** ES records at most this many failures per expression. */
const MAX_FAILURES_PER_SOURCE = 20;

/**
 * Response warnings of one query, in ES's format. The first failure of an expression adds
 * `Line L:C: evaluation of [text] failed, treating result as null. Only first 20 failures recorded.`
 * and every failure (up to 20 per expression) adds `Line L:C: <exception class>: <message>`.
 */
export class Warnings {
  private readonly messages: string[] = [];
  private readonly failuresBySource = new Map<string, number>();

  /**
   * A failed evaluation that produced null, e.g. `java.lang.ArithmeticException`, `/ by zero`.
   * `treatingAs` is 'false' for conditions that count as false instead (CASE's multi-valued condition).
   */
  fail(source: Source, exceptionClass: string, message: string, treatingAs: 'null' | 'false' = 'null'): void {
    const key = `${source.line}:${source.column}:${source.text}`;
    const seen = this.failuresBySource.get(key) ?? 0;
    if (seen >= MAX_FAILURES_PER_SOURCE) return;
    const at = `Line ${source.line}:${source.column}:`;
    if (seen === 0) {
      const text = source.text.replace(/%/g, '%25');
      this.messages.push(
        `${at} evaluation of [${text}] failed, treating result as ${treatingAs}. Only first ${MAX_FAILURES_PER_SOURCE} failures recorded.`,
      );
    }
    this.failuresBySource.set(key, seen + 1);
    this.messages.push(`${at} ${exceptionClass}: ${message}`);
  }

  /** Shorthand for the most common failure. */
  multiValue(source: Source): void {
    this.fail(source, 'java.lang.IllegalArgumentException', 'single-value function encountered multi-value');
  }

  /** A free-form warning (e.g. a shadowed alias). */
  add(message: string): void {
    if (!this.messages.includes(message)) this.messages.push(message);
  }

  list(): readonly string[] {
    return this.messages;
  }
}
