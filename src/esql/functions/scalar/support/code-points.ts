/** ES|QL string functions count and index Unicode code points, not UTF-16 units. */

export function codePointCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A low surrogate continues the code point its high surrogate started.
    if (c < 0xdc00 || c > 0xdfff || i === 0 || !isHigh(s.charCodeAt(i - 1))) n++;
  }
  return n;
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

/** The UTF-16 index of code point `cp` (clamped to the string's end). */
export function offsetByCodePoints(s: string, cp: number): number {
  let i = 0;
  for (let k = 0; k < cp && i < s.length; k++) {
    i += isHigh(s.charCodeAt(i)) && i + 1 < s.length ? 2 : 1;
  }
  return i;
}

/** Code points [from, to) of `s`. */
export function codePointSlice(s: string, from: number, to: number): string {
  const start = offsetByCodePoints(s, from);
  return s.slice(start, start + offsetByCodePoints(s.slice(start), to - from));
}
