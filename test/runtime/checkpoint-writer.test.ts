import { describe, expect, it } from 'vitest';
import type { EngineResult, Value } from '../../src/esql/query-engine.js';
import { MemoryRunningQueryDirectory } from '../../src/memory/memory-running-query-directory.js';
import { CheckpointWriter, type CheckpointSource } from '../../src/runtime/checkpoint-writer.js';
import { SimulatedClock } from '../../src/runtime/simulated-clock.js';

const INTERVAL = 1_000;

function rows(n: number): Value[][] {
  return Array.from({ length: n }, (_, i) => [i]);
}

/** A query whose preview the test sets; `undefined` = nothing to show (queued, stopping). */
class Source implements CheckpointSource {
  values: Value[][] | undefined = [];
  previews = 0;
  constructor(readonly id: string) {}
  preview(): { result: EngineResult } | undefined {
    this.previews++;
    if (this.values === undefined) return undefined;
    return {
      result: {
        columns: [{ name: 'n', type: 'long' }],
        values: this.values,
        isPartial: true,
        documentsFound: this.values.length,
        valuesLoaded: this.values.length,
        warnings: [],
      },
    };
  }
}

function setup(maxBytes = 4 * 1024 * 1024) {
  const clock = new SimulatedClock();
  const directory = new MemoryRunningQueryDirectory();
  const writer = new CheckpointWriter(directory, clock, { intervalMs: INTERVAL, maxBytes });
  const record = async (id: string) =>
    directory.put({ id, node: 'node-1', startTimeMs: clock.now(), expirationTimeMs: clock.now() + 60_000 });
  return { clock, directory, writer, record };
}

describe('CheckpointWriter', () => {
  it('writes each registered query’s preview every interval, with the time it was taken', async () => {
    const { clock, directory, writer, record } = setup();
    await record('q1');
    const q1 = new Source('q1');
    q1.values = rows(2);
    writer.add(q1);
    await clock.advanceAsync(INTERVAL - 1);
    expect(await directory.getCheckpoint('q1')).toBeUndefined();
    await clock.advanceAsync(1);
    expect(await directory.getCheckpoint('q1')).toEqual({
      takenAtMs: clock.now(),
      result: { columns: [{ name: 'n', type: 'long' }], values: rows(2), isPartial: true, documentsFound: 2, valuesLoaded: 2, warnings: [] },
    });
    q1.values = rows(5);
    await clock.advanceAsync(INTERVAL);
    expect((await directory.getCheckpoint('q1'))?.result.values).toEqual(rows(5));
  });

  it('does not rewrite an unchanged preview, and writes nothing while there is nothing to show', async () => {
    const { clock, directory, writer, record } = setup();
    await record('q1');
    const q1 = new Source('q1');
    q1.values = undefined;
    writer.add(q1);
    await clock.advanceAsync(INTERVAL);
    expect(q1.previews).toBe(1);
    expect(await directory.getCheckpoint('q1')).toBeUndefined();
    q1.values = rows(1);
    await clock.advanceAsync(INTERVAL);
    const first = await directory.getCheckpoint('q1');
    await clock.advanceAsync(INTERVAL);
    expect(q1.previews).toBe(3);
    expect(await directory.getCheckpoint('q1')).toBe(first);
  });

  it('keeps at most 10,000 rows; a checkpoint over the byte cap is skipped and the previous one stays', async () => {
    const { clock, directory, writer, record } = setup(300_000);
    await record('q1');
    const q1 = new Source('q1');
    q1.values = rows(12_000);
    writer.add(q1);
    await clock.advanceAsync(INTERVAL);
    const capped = await directory.getCheckpoint('q1');
    expect(capped?.result.values).toHaveLength(10_000);
    q1.values = rows(10_000).map(([n]) => [n, 'x'.repeat(100)]);
    await clock.advanceAsync(INTERVAL);
    expect(await directory.getCheckpoint('q1')).toBe(capped);
  });

  it('writes nothing for a query without a record; the timer runs only while some query is registered', async () => {
    const { clock, directory, writer } = setup();
    const gone = new Source('gone');
    const remove = writer.add(gone);
    expect(clock.pending).toBe(1);
    await clock.advanceAsync(INTERVAL);
    expect(gone.previews).toBe(1);
    expect(await directory.getCheckpoint('gone')).toBeUndefined();
    remove();
    expect(writer.size).toBe(0);
    expect(clock.pending).toBe(0);
    await clock.advanceAsync(INTERVAL);
    expect(gone.previews).toBe(1);
  });
});
