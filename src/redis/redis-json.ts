/**
 * JSON that round-trips bigints (unsigned_long and long values exceed 2^53). A bigint is written as
 * `{"$bigint":"123"}`; any other object, including one with more keys, is left alone.
 */
const BIGINT_TAG = '$bigint';

export function encodeJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? { [BIGINT_TAG]: v.toString() } : v));
}

export function decodeJson<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const tagged = o[BIGINT_TAG];
      if (typeof tagged === 'string' && Object.keys(o).length === 1) return BigInt(tagged);
    }
    return v;
  }) as T;
}
