import { EsError } from '../errors.js';
import type { OnIndexed } from './bulk-request.js';
import { DataDir, DataDirError } from './data-dir.js';
import type { MappedField } from './index-mapping.js';
import { appendDurably, journalLine, replayJournal } from './index-journal.js';
import { compactJournal, discardCompactionLeftover } from './journal-compaction.js';
import type { IndexWriters } from './index-writers.js';

/** Where restore reports (the node's operational log fits). */
export interface RestoreLog {
  info(message: string): void;
  warn(message: string): void;
}

/** The journal lines one bulk request adds, per index, and whether the request created that index. */
export interface BulkJournal {
  /** Give to executeBulk: records each accepted document of a persisted index. */
  readonly onIndexed: OnIndexed;
  /** Writes what was recorded (fsync'd); resolves when it is durable. Call once, right after executeBulk. */
  commit(): Promise<void>;
}

/**
 * Keeps `--data-dir` in step with the index writers: indices created through the ingest API
 * (`PUT /{index}`, or a bulk request naming an index that does not exist) are persisted, and
 * every document they accept is journaled before the request is answered. Indices loaded at
 * startup (`--load`, `--demo`) stay in memory only: their source is a file or a generator.
 *
 * Disk operations on one index run one after the other, in the order the writers saw them (a bulk
 * request, then a DELETE, then a new PUT of the same name); different indices proceed in parallel.
 */
export class PersistedIndices {
  private readonly persisted = new Set<string>();
  private readonly tails = new Map<string, Promise<void>>();
  /** Per index, the append queued behind a running operation that later requests may still join. */
  private readonly waitingAppends = new Map<string, { parts: string[]; done: Promise<void> }>();

  private constructor(
    readonly writers: IndexWriters,
    private readonly dir: DataDir,
  ) {}

  /**
   * Opens the data dir and replays every index in it through the writers (mapping, then each
   * journaled document, then one publish). A name already in the catalog (a `--load` of the same
   * index) refuses the start rather than hiding one of the two. A journal holding lines that are not
   * live data (documents the writer refuses, a repeated explicit `_id`: neither is ever appended, so
   * only a changed or edited journal has them) is compacted here, before the node listens.
   */
  static restore(path: string, writers: IndexWriters, log: RestoreLog): PersistedIndices {
    const dir = DataDir.open(path);
    const persisted = new PersistedIndices(writers, dir);
    for (const name of dir.indexNames()) {
      const mapping = dir.readMapping(name);
      if (!writers.create(name, mapping.fields)) {
        throw new DataDirError(`index [${name}] is both in --data-dir ${dir.root} and loaded at startup; drop one of them`);
      }
      if (mapping.uuid === undefined) dir.recordUuid(name, mapping, writers.uuid(name));
      else writers.adoptUuid(name, mapping.uuid);
      const started = performance.now();
      persisted.persisted.add(name);
      const writer = writers.writer(name);
      const file = dir.journalFile(name);
      if (discardCompactionLeftover(file)) {
        log.warn(`${file}: removed an unfinished compaction (the node stopped during it; the journal itself was untouched)`);
      }
      // As the bulk API: a repeated explicit id is refused, not indexed twice.
      const replay = replayJournal(file, (source, id) => {
        if (id !== undefined && writer.hasId(id)) return false;
        return writer.append(source, id ?? '', id !== undefined) === undefined;
      });
      writers.publish(name);
      if (replay.tornBytes > 0) {
        log.warn(`${file}: ignored a torn last line (${replay.tornBytes} bytes, written when the node stopped mid-append; its bulk request was never acknowledged)`);
      }
      const refused = replay.deadLines.length;
      if (refused > 0) {
        const dropped = dir.droppedFile(name);
        compactJournal(file, replay.deadLines, dropped);
        log.warn(`index [${name}]: ${refused} journaled documents were refused on replay; moved to ${dropped}, journal compacted`);
      }
      const ms = Math.round(performance.now() - started);
      log.info(`restored index [${name}] (${replay.documents - refused} documents) from ${dir.root} in ${ms} ms`);
    }
    return persisted;
  }

  /** After `PUT /{index}` created the index in memory: its directory, with the mapping and uuid. */
  created(name: string, fields: readonly MappedField[]): Promise<void> {
    this.persisted.add(name);
    this.waitingAppends.delete(name);
    // Read now: by the time the queued write runs, the index may have been deleted (and its uuid with it).
    const uuid = this.writers.uuid(name);
    return this.enqueue(name, () => this.dir.createIndex(name, fields, uuid));
  }

  /** After `DELETE /{index}`: its directory goes (a no-op for an index that was never persisted). */
  deleted(name: string): Promise<void> {
    this.persisted.delete(name);
    this.waitingAppends.delete(name);
    return this.enqueue(name, () => this.dir.removeIndex(name));
  }

  /** The journal of one bulk request. */
  bulk(): BulkJournal {
    // undefined: an index that is not persisted (loaded at startup); seen once per request.
    const lines = new Map<string, string[] | undefined>();
    /** Indices this request creates, with their uuid read at once (see `created`). */
    const created = new Map<string, string>();
    let committed: Promise<void> | undefined;
    const onIndexed: OnIndexed = (index, id, source) => {
      let batch = lines.get(index);
      if (batch === undefined && !lines.has(index)) {
        // Called before the request publishes: an index the catalog does not know is new in this request.
        const isNew = !this.persisted.has(index) && this.writers.catalog.get(index) === undefined;
        if (isNew) {
          this.persisted.add(index);
          created.set(index, this.writers.uuid(index));
        }
        batch = this.persisted.has(index) ? [] : undefined;
        lines.set(index, batch);
      }
      batch?.push(journalLine(id, source));
    };
    const commit = () => {
      committed ??= Promise.all(
        [...lines].flatMap(([index, batch]) => {
          if (batch === undefined) return [];
          return this.append(index, batch.join(''), created.get(index));
        }),
      ).then(() => undefined);
      return committed;
    };
    return { onIndexed, commit };
  }

  /**
   * Appends journal text durably. Group commit: while an earlier operation on the index runs, the
   * bulk requests arriving meanwhile join one waiting append (one write, one fsync for all of them),
   * in the order they were accepted.
   */
  private append(index: string, text: string, createWithUuid: string | undefined): Promise<void> {
    const waiting = this.waitingAppends.get(index);
    if (waiting !== undefined) {
      waiting.parts.push(text);
      return waiting.done;
    }
    const parts = [text];
    const file = this.dir.journalFile(index);
    const done = this.enqueue(index, async () => {
      // Started: requests from now on wait for the next append.
      if (this.waitingAppends.get(index)?.parts === parts) this.waitingAppends.delete(index);
      if (createWithUuid !== undefined) await this.dir.createIndex(index, [], createWithUuid);
      await appendDurably(file, parts.join(''));
    });
    this.waitingAppends.set(index, { parts, done });
    return done;
  }

  /** Graceful shutdown: waits for the disk operations under way, then gives the directory up. */
  async close(): Promise<void> {
    await Promise.all(this.tails.values());
    this.dir.releaseLock();
  }

  /**
   * Runs `op` after every earlier operation on the same index; a failure is the caller's only, as a
   * 500: what the writers accepted stays in memory, but will not survive a restart.
   */
  private enqueue(name: string, op: () => Promise<void>): Promise<void> {
    const run = (this.tails.get(name) ?? Promise.resolve()).then(op).catch((e: unknown) => {
      throw new EsError('status_exception', `index [${name}]: writing to the data dir failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    });
    const tail = run.catch(() => undefined);
    this.tails.set(name, tail);
    void tail.then(() => {
      if (this.tails.get(name) === tail) this.tails.delete(name);
    });
    return run;
  }
}
