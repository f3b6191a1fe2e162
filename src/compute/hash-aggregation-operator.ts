import { filterBlock, sliceBlock } from './block-filter.js';
import { type GroupKey, type GroupAssignment, BlockHash } from './block-hash.js';
import type { Block } from './block.js';
import type { GroupingAggregator } from './grouping-aggregator.js';
import type { DriverContext, Operator, OperatorFactory } from './operator.js';
import type { Page } from './page.js';
import { type PlainSum, addPlainSumsTogether } from './plain-sums.js';

export type { GroupKey } from './block-hash.js';

/** One aggregate of a STATS: its state, which channels it reads, and its optional `WHERE` channel. */
export interface AggregatorSpec {
  readonly aggregator: GroupingAggregator;
  readonly inputChannels: readonly number[];
  /** A boolean channel; positions where it is not true (false, null, multi-valued) are skipped. */
  readonly filterChannel?: number;
}

/** What a factory needs to make a fresh AggregatorSpec per driver (aggregators hold state). */
export interface AggregatorFactorySpec {
  create(): GroupingAggregator;
  readonly inputChannels: readonly number[];
  readonly filterChannel?: number;
  /** For describe(), e.g. `count(*)`. */
  readonly name?: string;
}

const NO_VALUES = new Float64Array(0);

/** Output page size. */
const OUTPUT_PAGE_SIZE = 8192;

/**
 * STATS [... BY ...]: hashes the group keys to dense ids and feeds every aggregator per page. After
 * finish() it emits the key blocks (in BY order) then one block per aggregator, groups in
 * first-seen order. Without BY there is exactly one group, so the output is one row even with no input.
 */
export class HashAggregationOperator implements Operator {
  private readonly hash: BlockHash | null;
  private readonly zeros: { ids: Int32Array } = { ids: new Int32Array(0) };
  private reserved = 0;
  private output: Page[] | null = null;
  private finishing = false;

  constructor(
    private readonly ctx: DriverContext,
    readonly groups: readonly GroupKey[],
    readonly aggregators: readonly AggregatorSpec[],
  ) {
    this.hash = groups.length === 0 ? null : new BlockHash(groups);
  }

  needsInput(): boolean {
    return !this.finishing;
  }

  addInput(page: Page): void {
    const n = page.positionCount;
    if (n === 0) return;
    const assignment = this.hash === null ? this.zeroAssignment(n) : this.hash.add(page);
    const groupCount = this.hash === null ? 1 : this.hash.groupCount;
    // Sums over plain columns go two by two through one loop (compute/plain-sums.ts); an odd one
    // left over goes alone. Every other aggregate gets its add().
    let pending: PlainSum | null = null;
    let pendingValues: ArrayLike<number> = NO_VALUES;
    for (const spec of this.aggregators) {
      const input = plainInput(spec, page, assignment);
      const plain = input === null ? null : (spec.aggregator.plainSum?.(input, groupCount) ?? null);
      if (plain === null) {
        this.feed(spec, page, assignment, groupCount);
        continue;
      }
      const values = (input as Block).values as ArrayLike<number>;
      if (pending === null) {
        pending = plain;
        pendingValues = values;
        continue;
      }
      addPlainSumsTogether(assignment.groupIds, n, pending, pendingValues, plain, values);
      pending = null;
    }
    if (pending !== null) pending.addRest(assignment.groupIds, pendingValues, 0, n);
    this.account();
  }

  finish(): void {
    if (this.finishing) return;
    this.finishing = true;
    const page = this.snapshot();
    const out: Page[] = [];
    for (let from = 0; from < page.positionCount; from += OUTPUT_PAGE_SIZE) {
      const to = Math.min(page.positionCount, from + OUTPUT_PAGE_SIZE);
      out.push({ positionCount: to - from, blocks: page.blocks.map((b) => sliceBlock(b, from, to)) });
    }
    this.output = out;
  }

  isFinished(): boolean {
    return this.finishing && (this.output === null || this.output.length === 0);
  }

  getOutput(): Page | null {
    if (this.output === null || this.output.length === 0) return null;
    return this.output.shift() ?? null;
  }

  previewOutput(): readonly Page[] | null {
    return this.finishing ? null : [this.snapshot()];
  }

  /** What finish() would output now, without disturbing the state (live previews). */
  snapshot(): Page {
    const groupCount = this.hash === null ? 1 : this.hash.groupCount;
    const blocks: Block[] = this.hash === null ? [] : this.hash.keyBlocks();
    for (const spec of this.aggregators) blocks.push(spec.aggregator.evaluate(groupCount));
    return { positionCount: groupCount, blocks };
  }

  close(): void {
    this.output = null;
    this.ctx.blockFactory.release(this.reserved);
    this.reserved = 0;
  }

  toString(): string {
    return describeHashAggregation(this.groups, this.aggregators.length);
  }

  private feed(spec: AggregatorSpec, page: Page, a: GroupAssignment, groupCount: number): void {
    let inputs: Block[] = spec.inputChannels.map((c) => page.blocks[c]);
    let filter = spec.filterChannel === undefined ? undefined : page.blocks[spec.filterChannel];
    if (a.positions !== null) {
      const positions = a.positions;
      inputs = inputs.map((b) => filterBlock(b, positions, a.count));
      if (filter !== undefined) filter = filterBlock(filter, positions, a.count);
    }
    let groupIds = a.groupIds;
    if (filter !== undefined) groupIds = maskNotTrue(groupIds, filter, a.count);
    spec.aggregator.add(groupIds, inputs, a.count, groupCount);
  }

  private zeroAssignment(n: number): GroupAssignment {
    // Aggregators only read group ids, and masking copies them, so one zero buffer serves every page.
    if (this.zeros.ids.length < n) this.zeros.ids = new Int32Array(n);
    return { groupIds: this.zeros.ids, positions: null, count: n };
  }

  private account(): void {
    let want = this.hash === null ? 0 : this.hash.estimatedBytes();
    for (const spec of this.aggregators) want += spec.aggregator.estimatedBytes();
    if (want > this.reserved) {
      this.ctx.blockFactory.reserve(want - this.reserved);
      this.reserved = want;
    }
  }
}

/** The one input block of an aggregate fed row for row (no multi-valued key, no WHERE), else null. */
function plainInput(spec: AggregatorSpec, page: Page, a: GroupAssignment): Block | null {
  if (a.positions !== null || spec.filterChannel !== undefined || spec.inputChannels.length !== 1) return null;
  return page.blocks[spec.inputChannels[0]];
}

/** A copy of `groupIds` with -1 wherever `filter` is not a single true value. */
function maskNotTrue(groupIds: Int32Array, filter: Block, count: number): Int32Array {
  const out = new Int32Array(count);
  const values = filter.values as Uint8Array | null;
  const nulls = filter.nulls;
  const f = filter.firstValueIndexes;
  for (let i = 0; i < count; i++) {
    let ok: boolean;
    if (values === null || (nulls !== undefined && nulls[i] === 1)) ok = false;
    else if (f !== undefined) ok = f[i + 1] - f[i] === 1 && values[f[i]] === 1;
    else ok = values[i] === 1;
    out[i] = ok ? groupIds[i] : -1;
  }
  return out;
}

const describeHashAggregation = (groups: readonly GroupKey[], aggregators: number | readonly string[]) =>
  `HashAggregationOperator[groups = [${groups.map((g) => `${g.channel}:${g.type}`).join(', ')}], aggregators = ` +
  (typeof aggregators === 'number' ? `${aggregators}` : `[${aggregators.join(', ')}]`) +
  ']';

export class HashAggregationOperatorFactory implements OperatorFactory {
  constructor(
    readonly groups: readonly GroupKey[],
    readonly aggregators: readonly AggregatorFactorySpec[],
  ) {}

  get(ctx: DriverContext): HashAggregationOperator {
    const specs = this.aggregators.map((a): AggregatorSpec => {
      const spec: { -readonly [K in keyof AggregatorSpec]: AggregatorSpec[K] } = {
        aggregator: a.create(),
        inputChannels: a.inputChannels,
      };
      if (a.filterChannel !== undefined) spec.filterChannel = a.filterChannel;
      return spec;
    });
    return new HashAggregationOperator(ctx, this.groups, specs);
  }

  describe(): string {
    const names = this.aggregators.map((a, i) => a.name ?? `aggregator${i}(${a.inputChannels.join(', ')})`);
    return describeHashAggregation(this.groups, names.length === 0 ? 0 : names);
  }
}
