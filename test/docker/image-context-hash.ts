import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A digest of what docker/Dockerfile builds from, so an image built from the same sources is reused rather
 * than rebuilt (the build takes a minute or two on a 2-core machine). node_modules is represented by
 * package-lock.json (it is what the host's `npm ci` installed); the base image by its id.
 */
const FILES = ['docker/Dockerfile', '.dockerignore', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const FOLDERS = ['machines', 'src', 'bench'];
const IGNORED = new Set(['bench/results']);

export function imageContextHash(root: string, baseImageId: string): string {
  const hash = createHash('sha256').update(`base ${baseImageId}\n`);
  const paths = [...FILES, ...FOLDERS.flatMap((folder) => filesUnder(root, join(root, folder)))].sort();
  for (const path of paths) {
    hash.update(`${path}\n`).update(readFileSync(join(root, path))).update('\n');
  }
  return hash.digest('hex').slice(0, 16);
}

function filesUnder(root: string, dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const rel = relative(root, path);
    if (IGNORED.has(rel)) return [];
    return statSync(path).isDirectory() ? filesUnder(root, path) : [rel];
  });
}
