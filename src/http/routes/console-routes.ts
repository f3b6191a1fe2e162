import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { queryMachine } from '../../../machines/query.machine.js';
import { machineGraph } from '../../web/machine-graph.js';
import { sendBody } from '../route-context.js';

/**
 * The browser console at `/_console/`: the static assets of `<package root>/src/web` (read from the
 * source tree, so `node dist/src/cli.js` and the tests serve the same files and nothing is copied into
 * dist) and `machine.json`, the query machine's graph the console draws its diagram from.
 * Only browser assets are served: the folder also holds TypeScript that runs on the server.
 */

export const CONSOLE_PATH = '/_console/';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export function registerConsoleRoutes(app: FastifyInstance, webDir: string | undefined = findConsoleAssetDir()): void {
  // A deployment without the assets (a trimmed image) still serves the API; the console says why it is absent.
  const assets = new Set(
    webDir !== undefined && existsSync(webDir)
      ? readdirSync(webDir).filter((name) => CONTENT_TYPES[extname(name)] !== undefined)
      : [],
  );
  // Built once: the machine definition cannot change while the process runs.
  const machineJson = JSON.stringify(machineGraph(queryMachine));

  app.get('/_console', async (_request, reply) => reply.redirect(CONSOLE_PATH, 302));
  app.get(CONSOLE_PATH, async (_request, reply) => {
    if (webDir === undefined || !assets.has('index.html')) {
      return reply.code(404).header('content-type', 'text/plain').send(`console assets not found (looked in ${webDir ?? '<no package root>'})\n`);
    }
    return sendAsset(reply, webDir, 'index.html');
  });
  app.get('/_console/machine.json', async (_request, reply) => {
    reply.header('cache-control', 'no-cache');
    return sendBody(reply, 'application/json', machineJson);
  });
  app.get<{ Params: { file: string } }>('/_console/:file', async (request, reply) => {
    const file = request.params.file;
    if (webDir === undefined || !assets.has(file)) {
      return reply.code(404).header('content-type', 'text/plain').send(`no console asset [${file}]\n`);
    }
    return sendAsset(reply, webDir, file);
  });
}

async function sendAsset(reply: FastifyReply, webDir: string, file: string) {
  const bytes = await readFile(join(webDir, file));
  // Assets are read per request, so an edited file is served at once; the browser revalidates.
  return reply.header('content-type', CONTENT_TYPES[extname(file)]).header('cache-control', 'no-cache').send(bytes);
}

function findConsoleAssetDir(): string | undefined {
  try {
    return consoleAssetDir();
  } catch {
    return undefined;
  }
}

/** `<root>/src/web`, where root is the nearest folder above this module holding qactor's package.json. */
export function consoleAssetDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isQactorManifest(manifest)) return join(dir, 'src', 'web');
    const up = dirname(dir);
    if (up === dir) throw new Error(`qactor: cannot find the package root (package.json) above ${from}`);
    dir = up;
  }
}

function isQactorManifest(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'qactor';
  } catch {
    return false;
  }
}
