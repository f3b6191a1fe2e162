/**
 * The value a `half_float` field returns for `value`: Lucene narrows to float32 first, then to the
 * nearest IEEE half (round half to even), and ES|QL widens the result back to double.
 */
export function toHalfFloat(value: number): number {
  const f = Math.fround(value);
  if (Number.isNaN(f) || !Number.isFinite(f) || f === 0) return f;
  const abs = Math.abs(f);
  // Half precision overflows at 65520 (the midpoint between 65504 and 2^16).
  if (abs >= 65520) return f > 0 ? Infinity : -Infinity;
  let exp = Math.floor(Math.log2(abs));
  if (2 ** exp > abs) exp--;
  else if (2 ** (exp + 1) <= abs) exp++;
  // Subnormal halves share the quantum of the smallest normal exponent (-14).
  const quantum = 2 ** (Math.max(exp, -14) - 10);
  const scaled = abs / quantum;
  let r = Math.round(scaled);
  if (r - scaled === 0.5 && r % 2 === 1) r -= 1;
  const out = r * quantum;
  return f < 0 ? -out : out;
}
