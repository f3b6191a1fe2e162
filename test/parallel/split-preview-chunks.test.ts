import { describe, expect, it } from 'vitest';
import { runChunks } from '../../src/parallel/chunk-runner.js';
import type { FragmentRows } from '../../src/parallel/worker-messages.js';
import type { Fragment, FragmentRequest } from '../../src/parallel/worker-pool.js';

/** A pool whose fragments the test settles by hand and whose previews it scripts. */
function fakePool() {
  const fragments: { settle: (rows: FragmentRows) => void; preview: FragmentRows | undefined; asked: number }[] = [];
  const pool = {
    run(): Fragment {
      const f = { settle: (_: FragmentRows) => undefined as void, preview: undefined as FragmentRows | undefined, asked: 0 };
      const result = new Promise<FragmentRows>((resolve) => (f.settle = resolve));
      fragments.push(f);
      return {
        result,
        finishEarly: () => undefined,
        cancel: () => undefined,
        progress: () => ({ rows_processed: 0, pages: 0 }),
        preview: () => {
          f.asked++;
          return Promise.resolve(f.preview);
        },
      };
    },
  };
  return { pool, fragments };
}

const chunk = (i: number): FragmentRequest => ({ workerQuery: 'q', nowMs: 0, index: { name: 'i', columns: [], rowCount: 0, segments: [] }, segmentFrom: i, segmentTo: i + 1, memoryBytes: 1 });
const rows = (tag: string): FragmentRows => ({ rows: [[tag]], isPartial: false, documentsFound: 1, valuesLoaded: 1, warnings: [] });
const tags = (parts: readonly FragmentRows[] | undefined) => parts?.map((p) => p.rows[0][0]);
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runChunks previews', () => {
  it('nothing to show until some running chunk has a preview', async () => {
    const { pool, fragments } = fakePool();
    const run = runChunks(pool, 2, [0, 1, 2].map(chunk));
    expect(await run.preview()).toBeUndefined();
    expect(fragments.map((f) => f.asked)).toEqual([1, 1]);
  });

  it('finished chunks give their final rows, running ones their preview, in chunk order; unstarted ones nothing', async () => {
    const { pool, fragments } = fakePool();
    const run = runChunks(pool, 2, [0, 1, 2, 3].map(chunk));
    fragments[1].preview = rows('preview 1');
    fragments[0].settle(rows('final 0'));
    await tick(); // worker 0 takes chunk 2
    fragments[2].preview = rows('preview 2');
    fragments[0].preview = rows('stale preview 0');
    expect(tags(await run.preview())).toEqual(['final 0', 'preview 1', 'preview 2']);
    // A finished chunk is not asked again.
    expect(fragments[0].asked).toBe(0);
  });

  it('a running chunk that has nothing to show this time keeps its last preview', async () => {
    const { pool, fragments } = fakePool();
    const run = runChunks(pool, 2, [0, 1].map(chunk));
    fragments[0].preview = rows('first');
    fragments[1].preview = rows('other');
    expect(tags(await run.preview())).toEqual(['first', 'other']);
    fragments[0].preview = undefined;
    expect(tags(await run.preview())).toEqual(['first', 'other']);
    fragments[1].settle(rows('done'));
    await tick();
    expect(tags(await run.preview())).toEqual(['first', 'done']);
  });

  it('a fragment whose preview rejects only goes without one', async () => {
    const { pool } = fakePool();
    const failing = {
      run: (w: number, r: FragmentRequest): Fragment => ({ ...pool.run(), preview: () => Promise.reject(new Error(`worker ${w} ${r.segmentFrom} died`)) }),
    };
    const run = runChunks(failing, 1, [chunk(0)]);
    expect(await run.preview()).toBeUndefined();
  });
});
