import { closeSync, fsyncSync, openSync } from 'node:fs';

/**
 * Flushes a file or a directory, by path, to disk: after a rename, the directory's fsync is what makes
 * the new name survive a crash; after a write through another handle, the file's.
 */
export function fsyncPathSync(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
