import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { illegalArgument } from '../errors.js';
import { loadCsvIndex } from './csv-loader.js';
import { loadNdjsonIndex } from './ndjson-loader.js';
import type { StoredIndex } from './stored-index.js';

const LOADERS: Record<string, (name: string, text: string) => StoredIndex> = {
  '.csv': loadCsvIndex,
  '.ndjson': loadNdjsonIndex,
};

/**
 * Loads one file as index `index`, choosing the format by extension (.csv, .ndjson). Synchronous:
 * loading happens once at startup or from the CLI, before any query runs.
 */
export function loadFile(index: string, path: string): StoredIndex {
  const loader = LOADERS[extname(path).toLowerCase()];
  if (loader === undefined) throw illegalArgument(`cannot load [${path}]: expected a .csv or .ndjson file`);
  return loader(index, readFileSync(path, 'utf8'));
}

/** Every *.csv / *.ndjson file of `dir` (not recursive), each as an index named after the file. */
export function loadDir(dir: string): StoredIndex[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && Object.hasOwn(LOADERS, extname(e.name).toLowerCase()))
    .map((e) => e.name)
    .sort()
    .map((file) => loadFile(basename(file, extname(file)), join(dir, file)));
}
