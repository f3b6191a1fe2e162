import type { DataType } from '../../../../compute/data-type.js';
import { compareIpText } from '../../../../storage/ip-text.js';
import { compareUtf8, compareVersionText } from '../../../../storage/multi-value-order.js';

/**
 * The order of string-backed values as ES sees them: keyword/text by UTF-8 bytes, ip by the
 * 16-byte address, version by semver rules. The same orders the storage layer sorts multi-values by.
 */
export function stringComparator(type: DataType): (a: string, b: string) => number {
  switch (type) {
    case 'ip':
      return compareIpText;
    case 'version':
      return compareVersionText;
    default:
      return compareUtf8;
  }
}

export const isStringBacked = (type: DataType): boolean =>
  type === 'keyword' || type === 'text' || type === 'ip' || type === 'version';
