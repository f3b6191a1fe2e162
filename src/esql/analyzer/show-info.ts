import type { LiteralScalar } from '../ast.js';
import type { ColumnInfo } from '../query-engine.js';

export const SHOW_INFO_COLUMNS: readonly ColumnInfo[] = [
  { name: 'version', type: 'keyword' },
  { name: 'date', type: 'keyword' },
  { name: 'hash', type: 'keyword' },
];

/** The build ES would report: the version of the ES|QL dialect this engine follows. */
export function showInfoRow(): LiteralScalar[] {
  return ['8.19.0', '2026-01-01T00:00:00.000Z', 'qactor'];
}
