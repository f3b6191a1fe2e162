import { type Block, constantNullBlock } from '../../compute/block.js';
import type { DataType } from '../../compute/data-type.js';
import { IndexSourceOperator, type IndexSourceInput } from '../../compute/index-source-operator.js';
import type { DriverContext, SourceOperator, SourceOperatorFactory } from '../../compute/operator.js';
import type { Page } from '../../compute/page.js';
import { METADATA_FIELDS } from '../analyzer/metadata-fields.js';


/**
 * FROM ... METADATA: reads the indices one after the other with an IndexSourceOperator each, so it
 * knows which index a page came from, and appends the requested metadata columns (`_index` = the
 * index name, `_id` = `<index>:<row>`, `_version` = 1, `_score` = 0).
 */
export class MetadataSourceOperator implements SourceOperator {
  private current = 0;
  private rowInIndex = 0;
  private stopped = false;
  private readonly sources: IndexSourceOperator[];

  constructor(
    private readonly inputs: readonly IndexSourceInput[],
    types: readonly DataType[],
    private readonly metadata: readonly string[],
  ) {
    this.sources = inputs.map((i) => new IndexSourceOperator([i], types));
  }

  needsInput(): boolean {
    return false;
  }

  addInput(_page: Page): void {
    throw new Error('MetadataSourceOperator takes no input');
  }

  finish(): void {
    this.stopped = true;
  }

  isFinished(): boolean {
    if (this.stopped) return true;
    while (this.current < this.sources.length && this.sources[this.current].isFinished()) {
      this.current++;
      this.rowInIndex = 0;
    }
    return this.current >= this.sources.length;
  }

  getOutput(): Page | null {
    if (this.isFinished()) return null;
    const page = this.sources[this.current].getOutput();
    if (page === null) return null;
    const name = this.inputs[this.current].index.name;
    const n = page.positionCount;
    const extra = this.metadata.map((m) => metadataBlock(m, name, this.rowInIndex, n));
    this.rowInIndex += n;
    return { positionCount: n, blocks: [...page.blocks, ...extra] };
  }

  finishEarly(): boolean {
    const cut = !this.isFinished();
    this.stopped = true;
    return cut;
  }

  progress(): { positionsRead: number; positionsTotal: number | null } {
    let read = 0;
    let total = 0;
    for (const s of this.sources) {
      const p = s.progress();
      read += p.positionsRead;
      total += p.positionsTotal ?? 0;
    }
    return { positionsRead: read, positionsTotal: total };
  }

  documentsFound(): number {
    return this.sources.reduce((n, s) => n + s.documentsFound(), 0);
  }

  valuesLoaded(): number {
    return this.sources.reduce((n, s) => n + s.valuesLoaded(), 0);
  }

  close(): void {
    this.stopped = true;
    for (const s of this.sources) s.close();
  }

  toString(): string {
    return `MetadataSourceOperator[indices = [${this.inputs.map((i) => i.index.name).join(', ')}], metadata = [${this.metadata.join(', ')}]]`;
  }
}

function metadataBlock(field: string, index: string, firstRow: number, n: number): Block {
  switch (field) {
    case '_index':
      return { type: 'keyword', positionCount: n, values: new Array<string>(n).fill(index) };
    case '_id': {
      const ids = new Array<string>(n);
      for (let p = 0; p < n; p++) ids[p] = `${index}:${firstRow + p}`;
      return { type: 'keyword', positionCount: n, values: ids };
    }
    case '_version':
      return { type: 'long', positionCount: n, values: new Float64Array(n).fill(1) };
    case '_score':
      return { type: 'double', positionCount: n, values: new Float64Array(n) };
    default:
      return constantNullBlock(METADATA_FIELDS[field] ?? 'null', n);
  }
}

export class MetadataSourceOperatorFactory implements SourceOperatorFactory {
  constructor(
    private readonly inputs: readonly IndexSourceInput[],
    private readonly types: readonly DataType[],
    private readonly metadata: readonly string[],
  ) {}

  get(_ctx: DriverContext): SourceOperator {
    return new MetadataSourceOperator(this.inputs, this.types, this.metadata);
  }

  describe(): string {
    return `MetadataSourceOperator[indices = [${this.inputs.map((i) => i.index.name).join(', ')}], metadata = [${this.metadata.join(', ')}]]`;
  }
}
