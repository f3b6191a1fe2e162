/**
 * Worker-thread entry of the `--workers N` pool: holds the indices the pool sent (shared column memory,
 * see shared-index.ts) and runs query fragments over a range of one index's segments with the ordinary
 * EsqlEngine, each with its own BlockFactory. Several fragments may run at once; their drivers share
 * this thread in time slices, and stop / cancel messages are read between slices.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BlockFactory, MemoryBudget } from '../compute/block-factory.js';
import { EsError, taskCancelled } from '../errors.js';
import { EsqlEngine } from '../esql/engine.js';
import type { EngineResult, QueryExecution } from '../esql/query-engine.js';
import { clockSleep } from '../runtime/clock-sleep.js';
import { SystemClock } from '../runtime/system-clock.js';
import { Catalog } from '../storage/catalog.js';
import type { StoredIndex } from '../storage/stored-index.js';
import { indexFromDescriptor } from './shared-index.js';
import type { FragmentRows, FromWorker, FragmentFailed, PreviewRequest, QueryWorkerData, RunMessage, ToWorker } from './worker-messages.js';

const port = parentPort;
if (port === null) throw new Error('query-worker.ts must run in a worker thread');
const data = workerData as QueryWorkerData;

const sleep = clockSleep(new SystemClock());
const globalMemory = new MemoryBudget(data.globalMemoryBytes, 'parent');
const CANCELLED = taskCancelled();

interface HeldIndex {
  readonly version: number;
  readonly index: StoredIndex;
  /** One engine per segment range: its parse cache serves every fragment over that range. */
  readonly engines: Map<string, EsqlEngine>;
}

interface RunningFragment {
  readonly abort: AbortController;
  readonly progress: Float64Array;
  execution?: QueryExecution;
  stopped: boolean;
}

const indices = new Map<string, HeldIndex>();
const running = new Map<number, RunningFragment>();

/**
 * Progress is written at every yield of a driver, and by this timer for drivers waiting on something
 * (DELAY) that do not yield; it runs only while fragments do.
 */
const PROGRESS_INTERVAL_MS = 20;
let progressTimer: ReturnType<typeof setInterval> | undefined;

function publishProgress(f: RunningFragment): void {
  if (f.execution === undefined) return;
  const p = f.execution.progress();
  f.progress[0] = p.rows_processed;
  f.progress[1] = p.pages;
}

function trackProgress(): void {
  if (running.size > 0 && progressTimer === undefined) {
    progressTimer = setInterval(() => running.forEach(publishProgress), PROGRESS_INTERVAL_MS);
  } else if (running.size === 0 && progressTimer !== undefined) {
    clearInterval(progressTimer);
    progressTimer = undefined;
  }
}

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'index':
      indices.set(m.descriptor.name, { version: m.version, index: indexFromDescriptor(m.descriptor), engines: new Map() });
      break;
    case 'drop':
      // Running fragments keep their own catalog of the index; only new ones could have used it.
      indices.delete(m.name);
      break;
    case 'run':
      void runFragment(m);
      break;
    case 'finishEarly': {
      const f = running.get(m.id);
      if (f !== undefined) {
        f.stopped = true;
        f.execution?.finishEarly();
      }
      break;
    }
    case 'cancel':
      running.get(m.id)?.abort.abort(CANCELLED);
      break;
    case 'preview':
      answerPreview(m);
      break;
  }
});

post({ type: 'ready' });

async function runFragment(m: RunMessage): Promise<void> {
  const fragment: RunningFragment = { abort: new AbortController(), progress: m.progress, stopped: false };
  running.set(m.id, fragment);
  trackProgress();
  const blockFactory = new BlockFactory(new MemoryBudget(m.memoryBytes, 'request'), globalMemory);
  try {
    const engine = engineFor(m);
    const prepared = engine.prepare(m.workerQuery, { ...(m.params === undefined ? {} : { params: m.params }), nowMs: m.nowMs });
    const execution = prepared.execute({
      signal: fragment.abort.signal,
      blockFactory,
      sleep,
      // Progress is published where the driver yields: once per time slice, into memory the coordinator reads.
      yieldToEventLoop: () => {
        publishProgress(fragment);
        return new Promise((resolve) => setImmediate(resolve));
      },
    });
    fragment.execution = execution;
    // A stop that arrived while the fragment was being prepared.
    if (fragment.stopped) execution.finishEarly();
    const r = await execution.result;
    publishProgress(fragment);
    post({ type: 'done', id: m.id, result: fragmentRows(r) });
  } catch (e) {
    post({ type: 'failed', id: m.id, error: errorParts(e) });
  } finally {
    blockFactory.releaseAll();
    running.delete(m.id);
    trackProgress();
  }
}

/**
 * The fragment's live preview, read between time slices (this handler runs only when the driver
 * yields), so it sees a consistent pipeline. A fragment that ended or cannot show anything answers
 * without rows; a preview that fails is only a missing preview, never the fragment's error.
 */
function answerPreview(m: PreviewRequest): void {
  let rows: FragmentRows | undefined;
  try {
    const preview = running.get(m.id)?.execution?.preview?.();
    rows = preview === undefined ? undefined : fragmentRows(preview);
  } catch {
    rows = undefined;
  }
  post({ type: 'preview', request: m.request, ...(rows === undefined ? {} : { rows }) });
}

function fragmentRows(r: EngineResult): FragmentRows {
  return { rows: r.values, isPartial: r.isPartial, documentsFound: r.documentsFound, valuesLoaded: r.valuesLoaded, warnings: r.warnings };
}

function engineFor(m: RunMessage): EsqlEngine {
  const held = indices.get(m.index);
  if (held === undefined || held.version !== m.version) {
    throw new EsError('status_exception', `worker does not hold index [${m.index}] version [${m.version}]`);
  }
  const key = `${m.segmentFrom}:${m.segmentTo}`;
  let engine = held.engines.get(key);
  if (engine === undefined) {
    engine = new EsqlEngine(sliceCatalog(held.index, m.segmentFrom, m.segmentTo), { testFunctions: data.testFunctions });
    held.engines.set(key, engine);
  }
  return engine;
}

/** A catalog whose only index is `index` cut to segments [from, to), with the row count to match. */
function sliceCatalog(index: StoredIndex, from: number, to: number): Catalog {
  const segments = index.segments.slice(from, to);
  const rowCount = segments.reduce((n, s) => n + s.positionCount, 0);
  const catalog = new Catalog();
  catalog.put({ name: index.name, columns: index.columns, rowCount, segments });
  return catalog;
}

function errorParts(e: unknown): FragmentFailed['error'] {
  if (e instanceof EsError) return { type: e.type, status: e.status, reason: e.reason };
  return { message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}

function post(message: FromWorker): void {
  port?.postMessage(message);
}
