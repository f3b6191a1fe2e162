import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { fsyncPathSync } from './fsync-path.js';
import type { LineRange } from './index-journal.js';

/**
 * Rewrites an index journal without its dead lines: lines replay did not keep (a document the
 * writer refuses, an explicit `_id` seen before). Journals only grow by appends and an index is
 * deleted whole with its directory, so those lines are the only part of a journal that is not live
 * data; left in place, every start would replay and warn about them again.
 *
 * Crash safety, step by step (a crash between any two steps loses nothing):
 * 1. the live lines are copied byte for byte to `journal.ndjson.compacting`, which is fsync'd;
 * 2. the dead lines are appended to `dropped.ndjson` beside it and fsync'd: set aside, never deleted
 *    (a crash before step 3 appends them again on the next start: a line may be there twice);
 * 3. the copy is renamed over the journal and the directory fsync'd: the one atomic switch.
 * Until step 3 the journal is untouched; a leftover `.compacting` file is half-written garbage and is
 * removed at start (`discardCompactionLeftover`). Synchronous: it runs at startup, before the node
 * listens, so no append can race it.
 */

const CHUNK_BYTES = 4 * 1024 * 1024;

export function compactionTempFile(journal: string): string {
  return `${journal}.compacting`;
}

/** Removes what a compaction interrupted before its rename left; true if there was something. */
export function discardCompactionLeftover(journal: string): boolean {
  const temp = compactionTempFile(journal);
  if (!existsSync(temp)) return false;
  rmSync(temp, { force: true });
  return true;
}

/** Rewrites `journal` without the `dead` lines (sorted, from replayJournal), setting them aside in `droppedFile`. */
export function compactJournal(journal: string, dead: readonly LineRange[], droppedFile: string): void {
  if (dead.length === 0) return;
  const temp = compactionTempFile(journal);
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  const copyRange = (fromFd: number, toFd: number, from: number, to: number) => copyBytes(chunk, fromFd, toFd, from, to);
  const source = openSync(journal, 'r');
  try {
    const live = openSync(temp, 'w');
    try {
      let at = 0;
      for (const line of dead) {
        copyRange(source, live, at, line.start);
        at = line.end;
      }
      copyRange(source, live, at, Number.POSITIVE_INFINITY);
      fsyncSync(live);
    } finally {
      closeSync(live);
    }
    const droppedExisted = existsSync(droppedFile);
    const dropped = openSync(droppedFile, 'a');
    try {
      for (const line of dead) copyRange(source, dropped, line.start, line.end);
      fsyncSync(dropped);
    } finally {
      closeSync(dropped);
    }
    if (!droppedExisted) fsyncPathSync(dirname(droppedFile));
  } finally {
    closeSync(source);
  }
  renameSync(temp, journal);
  fsyncPathSync(dirname(journal));
}

/** Copies bytes `[from, to)` of `fromFd` (to its end when `to` is infinite) to the end of `toFd`. */
function copyBytes(chunk: Buffer, fromFd: number, toFd: number, from: number, to: number): void {
  for (let at = from; at < to; ) {
    const want = Math.min(chunk.length, to - at);
    const read = readSync(fromFd, chunk, 0, want, at);
    if (read === 0) return;
    let written = 0;
    while (written < read) written += writeSync(toFd, chunk, written, read - written);
    at += read;
  }
}
