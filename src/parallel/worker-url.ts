/**
 * The URL of the compiled worker entry (query-worker.js). From dist/ that is the sibling of this module.
 * Vitest runs the TypeScript sources, and a worker thread cannot load a `.ts` module (there is no `.js`
 * beside it in src/), so from sources this maps to the build output `dist/src/parallel/query-worker.js`:
 * `npm test` runs `npm run build` first, so it exists and matches the sources.
 */
export function queryWorkerUrl(moduleUrl: string = import.meta.url): URL {
  if (moduleUrl.endsWith('.ts')) return new URL('../../dist/src/parallel/query-worker.js', moduleUrl);
  return new URL('./query-worker.js', moduleUrl);
}
