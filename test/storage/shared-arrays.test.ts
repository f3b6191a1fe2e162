import { describe, expect, it } from 'vitest';
import { blockToValues } from '../../src/compute/block-builder.js';
import { type Block, emptyValues } from '../../src/compute/block.js';
import type { DataType } from '../../src/compute/data-type.js';
import { ColumnBuilder } from '../../src/storage/column-builder.js';
import { generateLogs } from '../../src/storage/demo-logs.js';
import { sharedEmptyValues, sharedUint16 } from '../../src/storage/shared-arrays.js';

const onShared = (a: unknown): boolean => ArrayBuffer.isView(a) && a.buffer instanceof SharedArrayBuffer;

/** Every typed array a stored block holds, by role. */
function typedArraysOf(b: Block): Record<string, ArrayBufferView> {
  const out: Record<string, ArrayBufferView> = {};
  if (b.dictionary !== undefined) out.ordinals = b.dictionary.ordinals;
  else if (ArrayBuffer.isView(b.values)) out.values = b.values;
  if (b.nulls !== undefined) out.nulls = b.nulls;
  if (b.firstValueIndexes !== undefined) out.firstValueIndexes = b.firstValueIndexes;
  return out;
}

describe('shared arrays', () => {
  it('allocate the same kind of array as emptyValues, zero-filled, on a SharedArrayBuffer', () => {
    const types: DataType[] = ['boolean', 'integer', 'long', 'double', 'datetime', 'unsigned_long'];
    for (const type of types) {
      const shared = sharedEmptyValues(type, 5);
      const plain = emptyValues(type, 5);
      expect(shared?.constructor, type).toBe(plain?.constructor);
      expect(onShared(shared), type).toBe(true);
      expect(Array.from(shared as ArrayLike<number | bigint>)).toEqual(Array.from(plain as ArrayLike<number | bigint>));
    }
    expect(sharedEmptyValues('keyword', 2)).toEqual(['', '']);
    expect(sharedEmptyValues('null', 2)).toBeNull();
    const ords = sharedUint16(3);
    expect(ords).toBeInstanceOf(Uint16Array);
    expect(ords.buffer.byteLength).toBe(6);
  });

  it('hold every typed array of the blocks a ColumnBuilder cuts: values, nulls, offsets, ordinals', () => {
    const cases: [DataType, (b: ColumnBuilder) => void, number][] = [
      ['double', (b) => [1.5, null, [2, 3]].forEach((v) => append(b, v)), 3],
      ['integer', (b) => [1, null, 3].forEach((v) => append(b, v)), 3],
      ['boolean', (b) => [1, 0].forEach((v) => append(b, v)), 2],
      ['keyword', (b) => ['a', 'a', null, 'a', ['a', 'b']].forEach((v) => append(b, v)), 5],
    ];
    for (const [type, fill, n] of cases) {
      const builder = new ColumnBuilder(type);
      fill(builder);
      const block = builder.block(0, n);
      const arrays = typedArraysOf(block);
      expect(Object.keys(arrays).length, type).toBeGreaterThan(0);
      for (const [role, a] of Object.entries(arrays)) expect(onShared(a), `${type} ${role}`).toBe(true);
    }
    const keyword = new ColumnBuilder('keyword');
    ['x', 'x', null, 'x'].forEach((v) => append(keyword, v));
    const block = keyword.block(0, 4);
    expect(block.dictionary).toBeDefined();
    expect(blockToValues(block)).toEqual(['x', 'x', null, 'x']);
  });

  it('hold the demo logs columns', () => {
    const logs = generateLogs(100, 3);
    for (const b of logs.segments[0].blocks) {
      for (const [role, a] of Object.entries(typedArraysOf(b))) expect(onShared(a), `${b.type} ${role}`).toBe(true);
    }
  });
});

function append(b: ColumnBuilder, v: number | string | null | (number | string)[]): void {
  if (v === null) b.appendNull();
  else if (Array.isArray(v)) b.appendMulti(v);
  else b.appendValue(v);
}
