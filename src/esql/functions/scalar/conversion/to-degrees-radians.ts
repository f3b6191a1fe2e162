import { conversionFunction, type Converter } from '../support/conversion-function.js';
import { finite } from '../math/pow.js';

function angle(name: string, factor: number) {
  const conv: Converter = (v) => finite((v as number) * factor);
  return conversionFunction({
    name,
    result: 'double',
    from: { integer: conv, long: conv, double: conv, unsigned_long: (v) => finite(Number(v) * factor) },
  });
}

/** TO_DEGREES / TO_RADIANS: multi-value aware like every conversion. */
export const toDegrees = angle('to_degrees', 180 / Math.PI);
export const toRadians = angle('to_radians', Math.PI / 180);
