import { describe, expect, it } from 'vitest';
import type { EngineResult } from '../../src/esql/query-engine.js';
import { SplitPreviews, type SplitPreviewSource } from '../../src/parallel/split-preview.js';
import type { FragmentRows } from '../../src/parallel/worker-messages.js';

const part = (count: number): FragmentRows => ({ rows: [[count]], isPartial: true, documentsFound: count, valuesLoaded: count, warnings: [] });
const merged = (parts: readonly FragmentRows[]): EngineResult => ({
  columns: [{ name: 'c', type: 'long' }],
  values: [[parts.reduce((n, p) => n + (p.rows[0][0] as number), 0)]],
  isPartial: true,
  documentsFound: 0,
  valuesLoaded: 0,
  warnings: [],
});
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A source whose answers the test hands out one at a time, counting what it was asked. */
function scriptedSource() {
  const asked: ((parts: readonly FragmentRows[] | undefined) => void)[] = [];
  let merges = 0;
  let failNextMerge = false;
  const source: SplitPreviewSource = {
    parts: () => new Promise((resolve) => asked.push(resolve)),
    merge: (parts) => {
      merges++;
      if (failNextMerge) {
        failNextMerge = false;
        return Promise.reject(new Error('circuit_breaking_exception'));
      }
      return Promise.resolve(merged(parts));
    },
  };
  return {
    source,
    asked,
    merges: () => merges,
    failNextMerge: () => (failNextMerge = true),
    /** Answers the oldest open request for parts and lets the merge run. */
    answer: async (parts: readonly FragmentRows[] | undefined) => {
      asked.shift()!(parts);
      await tick();
    },
  };
}

describe('SplitPreviews', () => {
  it('has nothing on the first call, then the last merge, one refresh old', async () => {
    const s = scriptedSource();
    const previews = new SplitPreviews(s.source);
    expect(previews.current()).toBeUndefined();
    await s.answer([part(1), part(2)]);
    expect(previews.current()?.values).toEqual([[3]]);
    await s.answer([part(4), part(2)]);
    expect(previews.current()?.values).toEqual([[6]]);
    expect(previews.latest?.values).toEqual([[6]]);
  });

  it('keeps at most one refresh in flight however often it is asked', async () => {
    const s = scriptedSource();
    const previews = new SplitPreviews(s.source);
    for (let i = 0; i < 5; i++) previews.current();
    expect(s.asked).toHaveLength(1);
    await s.answer([part(1)]);
    previews.current();
    previews.current();
    expect(s.asked).toHaveLength(1);
  });

  it('answers without refreshing when told not to', async () => {
    const s = scriptedSource();
    const previews = new SplitPreviews(s.source);
    previews.current();
    await s.answer([part(3)]);
    expect(previews.current(false)?.values).toEqual([[3]]);
    expect(s.asked).toHaveLength(0);
  });

  it('does not merge the same parts twice, nor when no chunk has anything', async () => {
    const s = scriptedSource();
    const previews = new SplitPreviews(s.source);
    const same = [part(1)];
    previews.current();
    await s.answer(undefined);
    expect(s.merges()).toBe(0);
    expect(previews.current()).toBeUndefined();
    await s.answer(same);
    previews.current();
    await s.answer([...same]);
    expect(s.merges()).toBe(1);
  });

  it('skips a failed merge: the previous preview stands and nothing is thrown', async () => {
    const s = scriptedSource();
    const previews = new SplitPreviews(s.source);
    previews.current();
    await s.answer([part(1)]);
    s.failNextMerge();
    expect(previews.current()?.values).toEqual([[1]]);
    await s.answer([part(5)]);
    expect(previews.current()?.values).toEqual([[1]]);
    await s.answer([part(7)]);
    expect(previews.current()?.values).toEqual([[7]]);
  });

  it('once closed: no preview, no refresh, a merge in flight is dropped; latest still answers a hard stop', async () => {
    const s = scriptedSource();
    const previews = new SplitPreviews(s.source);
    previews.current();
    await s.answer([part(2)]);
    previews.current();
    previews.close();
    await s.answer([part(9)]);
    expect(previews.current()).toBeUndefined();
    expect(s.asked).toHaveLength(0);
    expect(previews.latest?.values).toEqual([[2]]);
  });

  it('aborts the merge in flight on close', async () => {
    let signal: AbortSignal | undefined;
    const previews = new SplitPreviews({
      parts: () => Promise.resolve([part(1)]),
      merge: (_parts, s) => {
        signal = s;
        return new Promise<EngineResult>(() => undefined);
      },
    });
    previews.current();
    await tick();
    expect(signal?.aborted).toBe(false);
    previews.close();
    expect(signal?.aborted).toBe(true);
  });
});
