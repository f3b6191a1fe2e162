import type { StoredIndex } from '../storage/stored-index.js';
import type { Block } from './block.js';
import type { DataType } from './data-type.js';
import { freshDictionaryView } from './dictionary-block.js';
import { keepShape } from './operator-shapes.js';
import { sharedNullBlock } from './shared-null-blocks.js';
import type { DriverContext, SourceOperator, SourceOperatorFactory } from './operator.js';
import type { Page } from './page.js';

/**
 * One index to read and which of its columns become the output channels, in order. `null` means
 * the index lacks that field (FROM over several indices with different mappings): a null block.
 */
export interface IndexSourceInput {
  readonly index: StoredIndex;
  readonly columns: readonly (number | null)[];
}

/**
 * FROM: reads the stored segments of one or more indices, one page per segment, keeping only the
 * requested columns. Segments are already columnar Pages, so reading is a projection, not a copy.
 */
export class IndexSourceOperator implements SourceOperator {
  private input = 0;
  private segment = 0;
  private read = 0;
  private loaded = 0;
  private stopped = false;
  private readonly total: number;
  /**
   * `inputs` split into plain arrays for the per-page code: the input objects come from the plan, and
   * their hidden class dies with it at a GC, which would deoptimise that code (see operator-shapes.ts).
   */
  private readonly indexes: readonly StoredIndex[];
  private readonly columnLists: readonly (readonly (number | null)[])[];

  constructor(
    private readonly inputs: readonly IndexSourceInput[],
    private readonly types: readonly DataType[],
  ) {
    this.total = inputs.reduce((n, i) => n + i.index.rowCount, 0);
    this.indexes = inputs.map((i) => i.index);
    this.columnLists = inputs.map((i) => i.columns);
  }

  /** Read `columns` (indexes into `index.columns`) of a single index. */
  static forIndex(index: StoredIndex, columns: readonly number[]): IndexSourceOperator {
    return new IndexSourceOperator([{ index, columns }], columns.map((c) => index.columns[c].type));
  }

  needsInput(): boolean {
    return false;
  }

  addInput(_page: Page): void {
    throw new Error('IndexSourceOperator takes no input');
  }

  finish(): void {
    this.stopped = true;
  }

  isFinished(): boolean {
    if (this.stopped) return true;
    this.skipExhausted();
    return this.input >= this.indexes.length;
  }

  getOutput(): Page | null {
    if (this.isFinished()) return null;
    const columns = this.columnLists[this.input];
    const seg = this.indexes[this.input].segments[this.segment++];
    const n = seg.positionCount;
    const blocks = new Array<Block>(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c];
      if (col === null) {
        // A missing field, or one the planner pruned (no later step reads it). Loads nothing: no null
        // bitmap to count.
        blocks[c] = sharedNullBlock(this.types[c], n);
        continue;
      }
      const b = seg.blocks[col];
      // A dictionary block caches its materialised strings: hand out a view, so a query that reads
      // `values` never leaves 8 bytes a row behind on the stored segment.
      blocks[c] = b.dictionary === undefined ? b : freshDictionaryView(b);
      this.loaded += loadedValues(b);
    }
    this.read += n;
    return { positionCount: n, blocks };
  }

  /** Stop reading; true when segments were left unread (live work was cut). */
  finishEarly(): boolean {
    const cut = !this.isFinished();
    this.stopped = true;
    return cut;
  }

  progress(): { positionsRead: number; positionsTotal: number | null } {
    return { positionsRead: this.read, positionsTotal: this.total };
  }

  /** Documents read so far (ES `documents_found`). */
  documentsFound(): number {
    return this.read;
  }

  /** Non-null values in the columns emitted so far (ES `values_loaded`). */
  valuesLoaded(): number {
    return this.loaded;
  }

  close(): void {
    this.stopped = true;
  }

  toString(): string {
    return `${describeIndexSource(this.inputs)}[read = ${this.read}/${this.total}]`;
  }

  private skipExhausted(): void {
    while (this.input < this.indexes.length && this.segment >= this.indexes[this.input].segments.length) {
      this.input++;
      this.segment = 0;
    }
  }
}

// Every query builds a new source; between queries none is alive, so a GC would drop the class's
// hidden class and deoptimise the per-page code with it (see operator-shapes.ts). A source over no
// index pins no data.
keepShape(new IndexSourceOperator([], []));

function loadedValues(b: Block): number {
  if (b.dictionary === undefined && b.values === null) return 0;
  const f = b.firstValueIndexes;
  if (f !== undefined) return f[b.positionCount] - f[0];
  const nulls = b.nulls;
  if (nulls === undefined) return b.positionCount;
  let n = 0;
  for (let p = 0; p < b.positionCount; p++) n += nulls[p];
  return b.positionCount - n;
}

const describeIndexSource = (inputs: readonly IndexSourceInput[]) =>
  `IndexSourceOperator[indices = [${inputs.map((i) => i.index.name).join(', ')}]]`;

export class IndexSourceOperatorFactory implements SourceOperatorFactory {
  constructor(
    private readonly inputs: readonly IndexSourceInput[],
    private readonly types: readonly DataType[],
  ) {}

  static forIndex(index: StoredIndex, columns: readonly number[]): IndexSourceOperatorFactory {
    return new IndexSourceOperatorFactory([{ index, columns }], columns.map((c) => index.columns[c].type));
  }

  get(_ctx: DriverContext): SourceOperator {
    return new IndexSourceOperator(this.inputs, this.types);
  }

  describe(): string {
    return describeIndexSource(this.inputs);
  }
}
