import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningQactor } from '../../src/main.js';
import { startTestServer, writeNumbersCsv } from '../support/qactor-server.js';

/**
 * The console as a person meets it: Debian's Chromium (never a downloaded browser) drives the page
 * served by a real qactor node. Screenshots for the README are written to docs/.
 */

const CHROMIUM = '/usr/bin/chromium';
// The README's screenshots are refreshed only when asked (UPDATE_SCREENSHOTS=1), so a test run does not
// rewrite committed files; otherwise they go to a temporary folder (taking them is still part of the test).
const DOCS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? join(import.meta.dirname, '..', '..', 'docs')
    : mkdtempSync(join(tmpdir(), 'qactor-console-'));
// 1,000 rows at 20 ms each: about 20 s of work, so the query is surely still running when stopped.
const SLOW_QUERY = 'FROM numbers | EVAL d = DELAY(20ms) | STATS c = COUNT(*)';

let node: RunningQactor;
let browser: Browser;
let page: Page;
const outsideRequests: string[] = [];
const failedRequests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium)`);
  }
  node = await startTestServer({ loads: [{ index: 'numbers', file: writeNumbersCsv(1000) }] });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1500, height: 640 } });
  // Everything the page loads must come from qactor itself (no CDN): checked at the end of each test.
  page.on('request', (request) => {
    if (!request.url().startsWith(`${node.url}/`)) outsideRequests.push(request.url());
  });
  page.on('requestfailed', (request) => failedRequests.push(request.url()));
});

afterAll(async () => {
  await browser?.close();
  await node?.close();
});

const stateNode = (key: string) => `#diagram g.state[data-key="${key}"]`;

describe('browser console', () => {
  it('draws the machine from its definition and follows a query through running, stop, stopping and done', async () => {
    await page.goto(`${node.url}/_console/`);
    await page.waitForSelector('#connection[data-state="connected"]', { timeout: 10_000 });

    // The diagram comes from machine.json: every state of the machine, nested ones inside `active`.
    for (const key of ['submitted', 'active', 'running', 'stopping', 'done']) {
      await expect(page.locator(stateNode(key)).count()).resolves.toBe(1);
    }
    const labels = await page.locator('#diagram .edge-label').allTextContents();
    expect(labels.join('|')).toContain('slot.granted');
    expect(labels.join('|')).toContain('query.stop');
    expect(labels.join('|')).toContain('execution.done');
    // Keywords are highlighted in the editor overlay.
    await page.fill('#query-input', SLOW_QUERY);
    await expect(page.locator('#query-highlight .tok-command').allTextContents()).resolves.toEqual(['FROM', 'EVAL', 'STATS']);

    await page.click('#submit');
    await page.waitForSelector(`${stateNode('running')}.current`, { timeout: 10_000 });
    await page.waitForSelector('.query-row .state[data-state="running"]');
    await expect(page.locator(`${stateNode('submitted')}.visited`).count()).resolves.toBe(1);
    await expect(page.locator('#diagram g.edge.taken[data-target="query.active"]').count()).resolves.toBe(1);
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: join(DOCS, 'console-running.png') });

    await page.click('.query-row button.stop');
    await page.waitForSelector(`${stateNode('done')}.current`, { timeout: 10_000 });
    // `stopping` was passed through on the way (it may last only milliseconds, so the path proves it).
    await expect(page.locator('#path').textContent()).resolves.toBe('submitted → running → stopping → done (stopped)');
    const events = await page.locator('#events li').allTextContents();
    const stoppingAt = events.findIndex((e) => e.endsWith('stopping'));
    const doneAt = events.findIndex((e) => e.endsWith('done (stopped)'));
    expect(stoppingAt).toBeGreaterThan(0);
    expect(doneAt).toBeGreaterThan(stoppingAt);
    await expect(page.locator(`${stateNode('stopping')}.visited`).count()).resolves.toBe(1);
    await expect(page.locator('#diagram g.edge.taken[data-source="query.active.running"][data-target="query.active.stopping"]').count()).resolves.toBe(1);
    await expect(page.locator('#diagram g.edge.taken[data-source="query.active.stopping"][data-target="query.done"]').count()).resolves.toBe(1);

    // The partial result: the count covers only the rows delayed before the stop.
    await page.waitForSelector('#partial-badge:not([hidden])', { timeout: 10_000 });
    await expect(page.locator('#result-table th').allTextContents()).resolves.toEqual(['clong']);
    const count = Number(await page.locator('#result-table tbody td').first().textContent());
    expect(count).toBeGreaterThanOrEqual(0);
    expect(count).toBeLessThan(1000);
    await expect(page.locator('.query-row.partial').count()).resolves.toBe(1);
    await page.screenshot({ path: join(DOCS, 'console-stopped.png') });
    expect(outsideRequests).toEqual([]);
    expect(failedRequests).toEqual([]);
  });

  it('shows a query error and deletes a query from the list', async () => {
    await page.fill('#query-input', 'FROM nope | LIMIT 1');
    await page.click('#submit');
    await page.waitForSelector('#submit-error:not([hidden])', { timeout: 10_000 });
    await expect(page.locator('#submit-error').textContent()).resolves.toContain('nope');

    await page.fill('#query-input', SLOW_QUERY);
    const before = await page.locator('.query-row').count();
    await page.click('#submit');
    await expect.poll(() => page.locator('.query-row').count(), { timeout: 10_000 }).toBe(before + 1);
    await page.waitForSelector(`${stateNode('running')}.current`, { timeout: 10_000 });
    const id = await page.locator('.query-row').first().getAttribute('data-id');
    await page.locator('.query-row').first().locator('button.delete').click();
    await expect.poll(() => page.locator('.query-row').count(), { timeout: 10_000 }).toBe(before);
    const answer = await fetch(`${node.url}/_query/async/${encodeURIComponent(id!)}`);
    expect(answer.status).toBe(404);
  });

  it('serves only console assets', async () => {
    const html = await fetch(`${node.url}/_console/`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${node.url}/_console/machine-graph.ts`)).status).toBe(404);
    expect((await fetch(`${node.url}/_console/..%2Fcli.ts`)).status).toBe(404);
    const machine = (await (await fetch(`${node.url}/_console/machine.json`)).json()) as { states: { key: string }[] };
    expect(machine.states.map((s) => s.key)).toEqual(['query', 'submitted', 'active', 'running', 'stopping', 'done']);
  });
});
