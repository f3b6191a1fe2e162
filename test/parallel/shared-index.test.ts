import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { NULL_ORDINAL, type Block } from '../../src/compute/block.js';
import { dictionaryBlock } from '../../src/compute/dictionary-block.js';
import { describeIndex, indexFromDescriptor, sharedArray, type SharedIndexDescriptor } from '../../src/parallel/shared-index.js';
import type { StoredIndex } from '../../src/storage/stored-index.js';

const TERMS = ['a', 'b', 'c'];

function shared<T extends Int32Array | Uint16Array | Float64Array>(make: (sab: SharedArrayBuffer) => T, values: readonly number[]): T {
  const a = make(new SharedArrayBuffer(values.length * 8));
  values.forEach((v, i) => (a[i] = v));
  return a;
}

/** Two segments of every block kind the storage builds. */
function sampleIndex(): StoredIndex {
  const segment = (offset: number) => {
    const blocks: Block[] = [
      { type: 'integer', positionCount: 3, values: Int32Array.of(1 + offset, 2, 3), mvSorted: true },
      { type: 'double', positionCount: 3, values: Float64Array.of(0.5, 0, 2.5), nulls: Uint8Array.of(0, 1, 0), mvSorted: true },
      { type: 'unsigned_long', positionCount: 3, values: BigUint64Array.of(1n, 2n ** 63n, 3n), mvSorted: true },
      // Multi-valued: [1, 2], null, [7]
      { type: 'long', positionCount: 3, values: Float64Array.of(1, 2, 7), nulls: Uint8Array.of(0, 1, 0), firstValueIndexes: Int32Array.of(0, 2, 2, 3), mvSorted: true },
      dictionaryBlock('keyword', 3, { ordinals: Uint16Array.of(2, NULL_ORDINAL, 0), terms: TERMS }, Uint8Array.of(0, 1, 0), undefined, true),
      // Ordinals on shared memory, as the storage may hold them.
      dictionaryBlock('keyword', 3, { ordinals: shared((b) => new Uint16Array(b), [1, 1, 0]), terms: TERMS }),
      { type: 'text', positionCount: 3, values: ['x', `y${offset}`, 'z'] },
      { type: 'boolean', positionCount: 3, values: Uint8Array.of(1, 0, 1) },
      { type: 'null', positionCount: 3, values: null, nulls: Uint8Array.of(1, 1, 1) },
    ];
    return { positionCount: 3, blocks };
  };
  const columns = (['i', 'd', 'u', 'l', 'k', 'k16', 't', 'b', 'n'] as const).map((name, c) => ({ name, type: segment(0).blocks[c].type }));
  return { name: 'sample', columns, rowCount: 6, segments: [segment(0), segment(10)] };
}

/** A real structured-clone trip, as postMessage to a worker makes it. */
function posted(d: SharedIndexDescriptor): Promise<SharedIndexDescriptor> {
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve) => {
    port2.once('message', (m: SharedIndexDescriptor) => {
      port1.close();
      port2.close();
      resolve(m);
    });
    port1.postMessage(d);
  });
}

/** Every block as plain data (`values` materialised), to compare whatever the block's form. */
const plain = (index: StoredIndex) =>
  index.segments.map((s) =>
    s.blocks.map((b) => ({
      type: b.type,
      positionCount: b.positionCount,
      values: b.values === null ? null : Array.from(b.values as ArrayLike<unknown>),
      nulls: b.nulls === undefined ? undefined : Array.from(b.nulls),
      firstValueIndexes: b.firstValueIndexes === undefined ? undefined : Array.from(b.firstValueIndexes),
      mvSorted: b.mvSorted === true,
      ordinals: b.dictionary === undefined ? undefined : Array.from(b.dictionary.ordinals),
    })),
  );

describe('shared index descriptor', () => {
  it('round-trips every block kind through a real postMessage', async () => {
    const index = sampleIndex();
    const back = indexFromDescriptor(await posted(describeIndex(index)));
    expect(back.name).toBe('sample');
    expect(back.rowCount).toBe(6);
    expect(back.columns).toEqual(index.columns);
    expect(plain(back)).toEqual(plain(index));
    expect(back.segments[0].blocks[4].values).toEqual(['c', '', 'a']);
    expect(back.segments[1].blocks[5].dictionary?.ordinals.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('sends one term list per column and rebuilds dictionary blocks sharing it', async () => {
    const d = describeIndex(sampleIndex());
    expect(d.termLists).toEqual([TERMS]);
    const back = indexFromDescriptor(await posted(d));
    const terms = back.segments.flatMap((s) => [s.blocks[4], s.blocks[5]].map((b) => b.dictionary?.terms));
    expect(new Set(terms).size).toBe(1);
    expect(terms[0]).toEqual(TERMS);
  });

  it('posts arrays already on a SharedArrayBuffer as they are: the receiver sees the same memory', async () => {
    const ordinals = shared((b) => new Uint16Array(b), [1, 1, 0]);
    expect(sharedArray(ordinals)).toBe(ordinals);
    const index: StoredIndex = {
      name: 'sab',
      columns: [{ name: 'k', type: 'keyword' }],
      rowCount: 3,
      segments: [{ positionCount: 3, blocks: [dictionaryBlock('keyword', 3, { ordinals, terms: TERMS })] }],
    };
    const d = describeIndex(index);
    expect(d.segments[0].blocks[0].dictionary?.ordinals).toBe(ordinals);
    const received = (await posted(d)).segments[0].blocks[0].dictionary?.ordinals as Uint16Array;
    ordinals[0] = 2;
    expect(received[0]).toBe(2);
  });

  it('copies an array on an ordinary ArrayBuffer into shared memory once per process', async () => {
    const values = Float64Array.of(1, 2, 3);
    const index: StoredIndex = {
      name: 'heap',
      columns: [{ name: 'd', type: 'double' }],
      rowCount: 3,
      segments: [{ positionCount: 3, blocks: [{ type: 'double', positionCount: 3, values }] }],
    };
    const first = describeIndex(index).segments[0].blocks[0].values as Float64Array;
    const second = describeIndex(index).segments[0].blocks[0].values as Float64Array;
    expect(first).not.toBe(values);
    expect(first.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(second).toBe(first);
    expect(Array.from(first)).toEqual([1, 2, 3]);
    const received = (await posted(describeIndex(index))).segments[0].blocks[0].values as Float64Array;
    first[1] = 42;
    expect(received[1]).toBe(42);
  });
});
