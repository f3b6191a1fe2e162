import type { DataType } from '../compute/data-type.js';
import type { Page } from '../compute/page.js';

export interface IndexColumn {
  readonly name: string;
  readonly type: DataType;
}

/**
 * An index held in memory as column segments. Segment i is a Page whose blocks follow `columns`
 * order; segments have at most SEGMENT_SIZE positions. Multi-values are sorted ascending (and
 * de-duplicated for keyword/ip) at load time, as ES returns them, and flagged `mvSorted`.
 */
export interface StoredIndex {
  readonly name: string;
  readonly columns: readonly IndexColumn[];
  readonly rowCount: number;
  readonly segments: readonly Page[];
}

export const SEGMENT_SIZE = 8192;
