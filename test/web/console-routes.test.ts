import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { consoleAssetDir, registerConsoleRoutes } from '../../src/http/routes/console-routes.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('consoleAssetDir', () => {
  it('finds <root>/src/web from the sources and from the built files in dist', () => {
    const expected = join(ROOT, 'src', 'web');
    expect(consoleAssetDir(join(ROOT, 'src', 'http', 'routes'))).toBe(expected);
    expect(consoleAssetDir(join(ROOT, 'dist', 'src', 'http', 'routes'))).toBe(expected);
    for (const asset of ['index.html', 'app.js', 'diagram.js', 'highlight.js', 'results.js', 'style.css']) {
      expect(existsSync(join(expected, asset)), asset).toBe(true);
    }
  });

  it('fails clearly outside a qactor package', () => {
    expect(() => consoleAssetDir('/')).toThrow(/cannot find the package root/);
  });
});

describe('registerConsoleRoutes', () => {
  it('answers 404 with the reason when the assets are missing, and still serves machine.json', async () => {
    const app = Fastify();
    registerConsoleRoutes(app, '/nonexistent/web');
    const page = await app.inject({ method: 'GET', url: '/_console/' });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('console assets not found (looked in /nonexistent/web)');
    expect((await app.inject({ method: 'GET', url: '/_console/app.js' })).statusCode).toBe(404);
    const machine = await app.inject({ method: 'GET', url: '/_console/machine.json' });
    expect(machine.statusCode).toBe(200);
    expect(machine.json()).toMatchObject({ id: 'query', root: 'query' });
    await app.close();
  });

  it('redirects /_console to /_console/ and serves assets with their content types', async () => {
    const app = Fastify();
    registerConsoleRoutes(app);
    const redirect = await app.inject({ method: 'GET', url: '/_console' });
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('/_console/');
    const script = await app.inject({ method: 'GET', url: '/_console/app.js' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain("from './diagram.js'");
    const css = await app.inject({ method: 'GET', url: '/_console/style.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    await app.close();
  });
});
