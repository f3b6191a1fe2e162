import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { invalidIndexName } from './bulk-request.js';
import { fsyncPathSync } from './fsync-path.js';
import { isObject, type MappedField } from './index-mapping.js';

/** What `mapping.json` holds: the fields of `PUT /{index}`, and the uuid `_cat/indices` shows. */
export interface PersistedMapping {
  readonly fields: MappedField[];
  /** Absent in directories written before uuids were kept (restore then records one). */
  readonly uuid?: string;
}

/** A data dir that cannot be used: held by another live node, or an entry that cannot be read. */
export class DataDirError extends Error {
  override name = 'DataDirError';
}

const MAPPING = 'mapping.json';
const JOURNAL = 'journal.ndjson';
/** Journal lines a compaction set aside (journal-compaction.ts): kept for a human, never replayed. */
const DROPPED = 'dropped.ndjson';
const LOCK = 'node.lock';
// Index names never start with `_` (ES refuses them), so these cannot collide with an index.
const STAGING_PREFIX = '_staging-';
const TRASH_PREFIX = '_trash-';

/**
 * The on-disk layout of `--data-dir`: one directory per persisted index, named after it, holding
 * `mapping.json` (the fields given by `PUT /{index}` and the index uuid, written once) and `journal.ndjson` (the
 * accepted documents, see index-journal.ts). An index directory appears and disappears by one
 * rename, so a crash never leaves half an index: it is built under `_staging-*` and deleted by
 * moving it to `_trash-*` first; leftovers of both are removed at open. `node.lock` holds the pid of
 * the node using the directory: two nodes appending to the same journals would corrupt them.
 */
export class DataDir {
  private constructor(readonly root: string) {}

  /** Creates the directory if needed, takes the lock and removes what a crash left behind. */
  static open(path: string): DataDir {
    const root = resolve(path);
    mkdirSync(root, { recursive: true });
    takeLock(join(root, LOCK));
    for (const entry of readdirSync(root)) {
      if (entry.startsWith(STAGING_PREFIX) || entry.startsWith(TRASH_PREFIX)) rmSync(join(root, entry), { recursive: true, force: true });
    }
    return new DataDir(root);
  }

  /** Gives the directory up (graceful shutdown), so a later process with this pid is not refused. */
  releaseLock(): void {
    const file = join(this.root, LOCK);
    if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
  }

  /** The persisted indices, sorted; a directory without a mapping (not ours) is skipped. */
  indexNames(): string[] {
    return readdirSync(this.root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && invalidIndexName(e.name) === undefined && existsSync(join(this.root, e.name, MAPPING)))
      .map((e) => e.name)
      .sort();
  }

  readMapping(name: string): PersistedMapping {
    const file = join(this.indexDir(name), MAPPING);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new DataDirError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const fields = isObject(parsed) ? parsed.fields : undefined;
    const uuid = isObject(parsed) ? parsed.uuid : undefined;
    if (!Array.isArray(fields) || !fields.every(isMappedField) || (uuid !== undefined && !isIndexUuid(uuid))) {
      throw new DataDirError(`${file}: expected {"fields": [{"name", "fieldType", "source"}...], "uuid"?: "<22 url-safe base64 characters>"}`);
    }
    return uuid === undefined ? { fields } : { fields, uuid };
  }

  /**
   * Gives an index written before uuids were kept its uuid, so it stays the same from now on: the
   * mapping is rewritten whole beside itself, fsync'd and renamed over (a crash leaves the old or
   * the new file, never half of one). Synchronous: restore runs before the node listens.
   */
  recordUuid(name: string, mapping: PersistedMapping, uuid: string): void {
    const file = join(this.indexDir(name), MAPPING);
    const temp = `${file}.tmp`;
    writeFileSync(temp, mappingText(mapping.fields, uuid));
    fsyncPathSync(temp);
    renameSync(temp, file);
    fsyncPathSync(this.indexDir(name));
  }

  journalFile(name: string): string {
    return join(this.indexDir(name), JOURNAL);
  }

  droppedFile(name: string): string {
    return join(this.indexDir(name), DROPPED);
  }

  /** Makes the index directory (mapping with its uuid, and an empty journal), durably, in one rename. */
  async createIndex(name: string, fields: readonly MappedField[], uuid: string): Promise<void> {
    const target = this.indexDir(name);
    const staging = join(this.root, STAGING_PREFIX + randomBytes(6).toString('hex'));
    await mkdir(staging);
    try {
      await writeDurably(join(staging, MAPPING), mappingText(fields, uuid));
      await writeDurably(join(staging, JOURNAL), '');
      await fsyncDir(staging);
      await rename(staging, target);
      await fsyncDir(this.root);
    } catch (e) {
      await rm(staging, { recursive: true, force: true });
      throw e;
    }
  }

  /** Removes the index directory, if any: one rename makes it disappear, then its files go. */
  async removeIndex(name: string): Promise<void> {
    const trash = join(this.root, TRASH_PREFIX + randomBytes(6).toString('hex'));
    try {
      await rename(this.indexDir(name), trash);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    await fsyncDir(this.root);
    await rm(trash, { recursive: true, force: true });
  }

  /** The directory of an index; a name that is not a valid index name, or would leave the root, is refused. */
  private indexDir(name: string): string {
    const dir = resolve(this.root, name);
    if (invalidIndexName(name) !== undefined || dirname(dir) !== this.root) throw new DataDirError(`[${name}] cannot be stored in ${this.root}`);
    return dir;
  }
}

function mappingText(fields: readonly MappedField[], uuid: string): string {
  return `${JSON.stringify({ fields, uuid }, null, 2)}\n`;
}

/** ES index uuids (and ours, index-writers.ts): 22 url-safe base64 characters. */
function isIndexUuid(u: unknown): u is string {
  return typeof u === 'string' && /^[A-Za-z0-9_-]{22}$/.test(u);
}

function isMappedField(f: unknown): f is MappedField {
  return isObject(f) && typeof f.name === 'string' && typeof f.fieldType === 'string' && typeof f.source === 'string';
}

/** Writes a whole file and flushes it before resolving. */
async function writeDurably(file: string, text: string): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A rename or a new file is durable only once its directory is flushed too. */
async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Takes `node.lock` for this process. A lock left by a process that is gone (killed, crashed)
 * is taken over; one held by a live process refuses the start.
 */
function takeLock(file: string): void {
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new DataDirError(`${dirname(file)} is in use by process ${pid} (${file}); give every node its own --data-dir`);
    }
  }
  writeFileSync(file, `${process.pid}\n`);
  fsyncPathSync(file);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
