import { closeSync, openSync, readSync, truncateSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { isObject } from './index-mapping.js';

/**
 * An index's append-only NDJSON journal: one line per accepted document, in the order the writer
 * accepted them, `{"_id":"x","_source":{...}}` (`_id` only when the client chose it: generated ids
 * are not worth keeping). The line is built from the bulk source line as sent, so journaling costs
 * no re-serialization, and the format does not depend on how the engine lays out its blocks.
 */

/** The journal line of one document (`source` is a one-line JSON object, as a bulk source line is). */
export function journalLine(id: string | undefined, source: string): string {
  return id === undefined ? `{"_source":${source}}\n` : `{"_id":${JSON.stringify(id)},"_source":${source}}\n`;
}

/** A journal line in the middle of the file that is not a document: not a crash, a damaged file. */
export class JournalCorruptError extends Error {
  override name = 'JournalCorruptError';
}

/**
 * Appends lines and makes them durable (fdatasync) before resolving. A failed write is cut off
 * again (truncated to the size before it), so a later append never glues onto half a line.
 */
export async function appendDurably(file: string, text: string): Promise<void> {
  const handle = await open(file, 'a');
  try {
    const { size } = await handle.stat();
    try {
      await handle.writeFile(text, 'utf8');
      await handle.datasync();
    } catch (e) {
      await handle.truncate(size).catch(() => undefined);
      throw e;
    }
  } finally {
    await handle.close();
  }
}

/** Where one journal line sits in the file: bytes `[start, end)`, its newline included. */
export interface LineRange {
  readonly start: number;
  readonly end: number;
}

export interface JournalReplay {
  /** Lines read, live or not. */
  readonly documents: number;
  /** Bytes after the last newline (a crash during an append), cut from the file. */
  readonly tornBytes: number;
  /** Lines `onDocument` refused (returned false): not live data, in file order (journal-compaction.ts). */
  readonly deadLines: readonly LineRange[];
}

const CHUNK_BYTES = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * Reads a journal from the start, calling `onDocument` per line; a line it answers `false` for is
 * reported in `deadLines`. A last line without its newline was torn by a crash during an append (its
 * bulk request was never acknowledged): it is cut from the file, so the next append starts on a fresh
 * line, and reported in `tornBytes`. Synchronous: it runs once at startup, before the node listens.
 */
export function replayJournal(
  file: string,
  onDocument: (source: Record<string, unknown>, id: string | undefined) => boolean | void,
): JournalReplay {
  const fd = openSync(file, 'r');
  let documents = 0;
  let goodBytes = 0;
  const deadLines: LineRange[] = [];
  let pending = Buffer.alloc(0);
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let read = readSync(fd, chunk, 0, CHUNK_BYTES, null); read > 0; read = readSync(fd, chunk, 0, CHUNK_BYTES, null)) {
      const buf = pending.length === 0 ? chunk.subarray(0, read) : Buffer.concat([pending, chunk.subarray(0, read)]);
      let start = 0;
      for (let end = buf.indexOf(NEWLINE, start); end >= 0; end = buf.indexOf(NEWLINE, start)) {
        if (end > start) {
          const { source, id } = parseLine(buf.toString('utf8', start, end), file, documents + 1);
          // `goodBytes` is the file offset of `buf[start]`: every byte before it ended with a newline.
          if (onDocument(source, id) === false) deadLines.push({ start: goodBytes, end: goodBytes + end + 1 - start });
          documents++;
        }
        goodBytes += end + 1 - start;
        start = end + 1;
      }
      // Copied: `chunk` is overwritten by the next read.
      pending = Buffer.from(buf.subarray(start));
    }
  } finally {
    closeSync(fd);
  }
  if (pending.length > 0) truncateSync(file, goodBytes);
  return { documents, tornBytes: pending.length, deadLines };
}

function parseLine(line: string, file: string, lineNo: number): { source: Record<string, unknown>; id: string | undefined } {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch (e) {
    throw new JournalCorruptError(`${file}: line ${lineNo} is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObject(entry) || !isObject(entry._source) || (entry._id !== undefined && typeof entry._id !== 'string')) {
    throw new JournalCorruptError(`${file}: line ${lineNo} is not a journal entry {"_id"?, "_source": {...}}`);
  }
  return { source: entry._source, id: entry._id };
}
