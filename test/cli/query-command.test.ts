import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningQactor } from '../../src/main.js';
import { startTestServer, writeNumbersCsv } from '../support/qactor-server.js';
import { TmuxTerminal } from './tmux-terminal.js';

/**
 * `qactor query` as a person runs it: the built CLI in a real terminal (tmux), a real node, Ctrl-C
 * typed on the keyboard. Without a terminal (pipes) it prints no progress bar.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const SLOW_QUERY = 'FROM numbers | EVAL d = DELAY(20ms) | STATS c = COUNT(*)';
const PROGRESS_BAR = /\[[#.]+\] +\d+% +[\d,]+\/[\d,]+ rows +\d+\.\ds +running/;

let node: RunningQactor;
let terminal: TmuxTerminal | undefined;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before these tests`);
  // 1,000 rows at 20 ms: about 20 s of work, always still running when Ctrl-C is typed.
  node = await startTestServer({ loads: [{ index: 'numbers', file: writeNumbersCsv(1000) }] });
});

afterAll(async () => {
  await node?.close();
});

afterEach(() => {
  terminal?.close();
  terminal = undefined;
});

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function cliLine(args: string[]): string {
  return `${shellQuote(process.execPath)} ${shellQuote(CLI)} ${args.map(shellQuote).join(' ')}; echo "EXIT=$?"`;
}

/** Runs the CLI without a terminal; resolves with its exit code and output. */
function runPiped(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('qactor query in a terminal', () => {
  it('shows a progress bar; one Ctrl-C stops the query and prints the partial result, exit 0', async () => {
    terminal = new TmuxTerminal();
    terminal.run(cliLine(['query', SLOW_QUERY, '--url', node.url]));
    await terminal.waitFor(PROGRESS_BAR);
    const id = (await terminal.waitFor(/^query (\S+)$/m))[1];
    terminal.key('C-c');
    const exit = await terminal.waitFor(/^EXIT=(\d+)$/m);
    const screen = terminal.screen();
    expect(exit[1]).toBe('0');
    expect(screen).toContain('stopping the query (Ctrl-C again to delete it)');
    expect(screen).toContain('PARTIAL RESULT: the query was stopped before it finished');
    const table = /PARTIAL RESULT[^\n]*\n +c *\n-+\n(\d+) *\n/.exec(screen);
    expect(table, screen).not.toBeNull();
    expect(Number(table![1])).toBeLessThan(1000);
    // The stopped query keeps its partial result on the server.
    const stored = (await (await fetch(`${node.url}/_query/async/${encodeURIComponent(id)}`)).json()) as { is_partial: boolean };
    expect(stored.is_partial).toBe(true);
  });

  it('a second Ctrl-C while the stop is draining deletes the query, exit 130', async () => {
    // A stop on the real engine drains in milliseconds, faster than a second key press; this gateway
    // speaks the documented protocol and keeps the query in `stopping` until it is deleted.
    const received: string[] = [];
    const gateway = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/_query/ws' });
    await new Promise<void>((resolve) => gateway.once('listening', () => resolve()));
    gateway.on('connection', (ws) => {
      let seq = 0;
      const status = (state: string, outcome?: string) =>
        ws.send(JSON.stringify({
          type: 'status', id: 'fake-id', seq: seq++, state, outcome, node: 'fake',
          progress: { rows_processed: 40, rows_total: 100, pages: 1, elapsed_ms: 5 },
        }));
      ws.on('message', (data) => {
        const m = JSON.parse((data as Buffer).toString('utf8')) as { type: string; ref?: string };
        received.push(m.type);
        if (m.type === 'submit') {
          ws.send(JSON.stringify({ type: 'submitted', ref: m.ref, id: 'fake-id' }));
          status('running');
        } else if (m.type === 'stop') {
          status('stopping');
        } else if (m.type === 'delete') {
          status('done', 'cancelled');
          ws.send(JSON.stringify({ type: 'deleted', id: 'fake-id' }));
        }
      });
    });
    try {
      const port = (gateway.address() as { port: number }).port;
      terminal = new TmuxTerminal();
      terminal.run(cliLine(['query', 'FROM anything', '--url', `http://127.0.0.1:${port}`]));
      await terminal.waitFor(/\[#+\.+\] +40% +40\/100 rows/);
      terminal.key('C-c');
      await terminal.waitFor(/stopping the query/);
      await terminal.waitFor(/\] +40% +40\/100 rows +\d+\.\ds +stopping/);
      terminal.key('C-c');
      const exit = await terminal.waitFor(/^EXIT=(\d+)$/m);
      expect(exit[1]).toBe('130');
      expect(terminal.screen()).toContain('query fake-id deleted');
      expect(received).toEqual(['submit', 'stop', 'delete']);
    } finally {
      await new Promise((resolve) => gateway.close(resolve));
    }
  });

  it('two quick Ctrl-C on a real node end with the query deleted or stopped, never left running', async () => {
    terminal = new TmuxTerminal();
    terminal.run(cliLine(['query', SLOW_QUERY, '--url', node.url]));
    await terminal.waitFor(PROGRESS_BAR);
    const id = (await terminal.waitFor(/^query (\S+)$/m))[1];
    terminal.key('C-c');
    terminal.key('C-c');
    const exit = (await terminal.waitFor(/^EXIT=(\d+)$/m))[1];
    const answer = await fetch(`${node.url}/_query/async/${encodeURIComponent(id)}`);
    if (exit === '130') {
      expect(answer.status).toBe(404);
    } else {
      // The stop drained before the second key arrived: the partial result was printed and kept.
      expect(exit).toBe('0');
      expect(terminal.screen()).toContain('PARTIAL RESULT');
      expect(((await answer.json()) as { is_running: boolean }).is_running).toBe(false);
    }
  });
});

describe('qactor query without a terminal', () => {
  it('prints the server-rendered table, no progress bar, exit 0', async () => {
    const run = await runPiped(['query', 'FROM numbers | STATS c = COUNT(*) BY g | SORT g', '--url', node.url]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ +c +\| +g +\n-+\+-+\n333 +\|g0 +\n334 +\|g1 +\n333 +\|g2 +\n$/);
    expect(run.stderr).toBe('');
  });

  it('--format csv and json come from the server', async () => {
    const csv = await runPiped(['query', 'FROM numbers | SORT n | LIMIT 2 | KEEP n', '--url', node.url, '--format', 'csv']);
    expect(csv).toMatchObject({ code: 0, stdout: 'n\r\n1\r\n2\r\n' });
    const json = await runPiped(['query', 'FROM numbers | STATS c = COUNT(*)', '--url', node.url, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ is_running: false, is_partial: false, values: [[1000]] });
  });

  it('exit 1 for a query error, with the ES error on stderr', async () => {
    const run = await runPiped(['query', 'FROM nope', '--url', node.url]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('verification_exception');
    expect(run.stderr).toContain('Unknown index [nope]');
    expect(run.stdout).toBe('');
  });

  it('exit 1 when the node cannot be reached', async () => {
    const run = await runPiped(['query', 'ROW a = 1', '--url', 'http://127.0.0.1:1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot reach http://127.0.0.1:1/');
  });

  it('exit 2 for usage errors', async () => {
    await expect(runPiped(['query'])).resolves.toMatchObject({ code: 2 });
    await expect(runPiped(['query', 'ROW a = 1', '--format', 'xml'])).resolves.toMatchObject({ code: 2 });
    await expect(runPiped(['query', 'ROW a = 1', '--url', 'ftp://x'])).resolves.toMatchObject({ code: 2 });
    await expect(runPiped(['query', 'ROW a = 1', '--user', 'nopassword'])).resolves.toMatchObject({ code: 2 });
  });
});
