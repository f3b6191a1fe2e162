import { EsError } from '../../src/errors.js';

/** The EsError a call throws (fails the test when it does not throw one). */
export function esErrorOf(fn: () => unknown): EsError {
  try {
    fn();
  } catch (err) {
    if (err instanceof EsError) return err;
    throw err;
  }
  throw new Error('expected an EsError to be thrown');
}
