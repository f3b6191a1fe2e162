import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startQactorProcess, type QactorProcess } from '../cluster/qactor-process.js';

/**
 * `qactor serve`'s default log, read the way a container log collector reads it: stdout, one JSON object
 * per line, every line about a query carrying its `query_id`. A real process built from dist/.
 */

interface LogLine {
  readonly '@timestamp': string;
  readonly level: string;
  readonly node: string;
  readonly message: string;
  readonly query_id?: string;
  readonly [field: string]: unknown;
}

const SECRET = 'c2VjcmV0LXBhc3N3b3Jk';
let node: QactorProcess;

beforeAll(async () => {
  // A tiny per-query memory budget: sorting every message breaks it, counting by status does not.
  node = await startQactorProcess('logger', ['--demo', '--demo-rows', '50000', '--test-functions'], 45_000, {
    QACTOR_QUERY_MEMORY_BYTES: '200000',
  });
});

afterAll(async () => {
  await node?.kill('SIGKILL');
});

function lines(): LogLine[] {
  return node
    .stdout()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as LogLine);
}

const linesOf = (id: string) => lines().filter((l) => JSON.stringify(l).includes(id));

async function submit(query: string): Promise<string> {
  const res = await fetch(`${node.url}/_query/async`, {
    method: 'POST',
    // Security is off, so the header is ignored; it must not reach the log either way.
    headers: { 'content-type': 'application/json', authorization: `Basic ${SECRET}` },
    body: JSON.stringify({ query, wait_for_completion_timeout: '0s' }),
  });
  const body = (await res.json()) as { id: string; is_running: boolean };
  expect(body.is_running).toBe(true);
  return body.id;
}

/** The lifecycle lines of one query, once the last expected one is written: `[level, message]`. */
async function story(id: string, last: string): Promise<[string, string][]> {
  await expect.poll(() => linesOf(id).some((l) => l.message === last), { timeout: 20_000 }).toBe(true);
  const mine = linesOf(id);
  for (const line of mine) {
    expect(line.query_id, line.message).toBe(id);
    expect(line.node).toBe('logger');
    expect(Number.isNaN(Date.parse(line['@timestamp']))).toBe(false);
  }
  return mine.map((l) => [l.level, l.message]);
}

describe('qactor serve --log-format json (the default)', () => {
  it('announces where it listens as a JSON line with the url', () => {
    expect(lines().find((l) => l.message.startsWith('listening on'))).toMatchObject({ level: 'info', url: node.url });
  });

  it('logs a completed query from submit to done, then its deletion, with its id on every line', async () => {
    const id = await submit('FROM logs | STATS c = COUNT(*) BY status');
    expect(await story(id, 'query done')).toEqual([
      ['info', 'query submitted'],
      ['info', 'query running'],
      ['info', 'query done'],
    ]);
    const [submitted, , done] = linesOf(id);
    expect(submitted.query).toBe('FROM logs | STATS c = COUNT(*) BY status');
    expect(done).toMatchObject({ outcome: 'completed', rows_processed: 50_000 });
    expect((await call(node, 'DELETE', `/_query/async/${id}`)).status).toBe(200);
    expect((await story(id, 'query deleted')).at(-1)).toEqual(['info', 'query deleted']);
  });

  it('logs a failing query at warn with the ES error type and reason', async () => {
    const id = await submit('FROM logs | SORT message | LIMIT 100000');
    expect(await story(id, 'query failed')).toEqual([
      ['info', 'query submitted'],
      ['info', 'query running'],
      ['warn', 'query failed'],
    ]);
    const failed = linesOf(id).at(-1)!;
    expect(failed['error.type']).toBe('circuit_breaking_exception');
    expect(String(failed['error.message'])).toContain('Data too large');
  });

  it('logs a stop: the request, the stopping state and the stopped outcome', async () => {
    const id = await submit('FROM logs | EVAL d = DELAY(1ms) | STATS c = COUNT(*)');
    await expect.poll(() => linesOf(id).some((l) => l.message === 'query running'), { timeout: 20_000 }).toBe(true);
    expect((await call(node, 'POST', `/_query/async/${id}/stop`)).body.is_partial).toBe(true);
    expect(await story(id, 'query done')).toEqual([
      ['info', 'query submitted'],
      ['info', 'query running'],
      ['info', 'query stop requested'],
      ['info', 'query stopping'],
      ['info', 'query done'],
    ]);
    expect(linesOf(id).at(-1)).toMatchObject({ outcome: 'stopped' });
  });

  it('counts status bus deliveries in qactor_status_bus_lag_seconds', async () => {
    const text = await (await fetch(`${node.url}/_metrics`)).text();
    const count = /^qactor_status_bus_lag_seconds_count (\d+)$/m.exec(text);
    expect(Number(count?.[1])).toBeGreaterThan(0);
  });

  it('keeps every stdout line JSON, logs no credentials and no per-request lines, and logs its shutdown', async () => {
    await node.kill('SIGTERM');
    const all = lines();
    expect(node.stdout()).not.toContain(SECRET);
    expect(all.filter((l) => l.message.includes('GET') || l.message.includes('POST'))).toEqual([]);
    expect(all.slice(-2).map((l) => [l.level, l.message, l.signal])).toEqual([
      ['info', 'shutting down: stopping running queries', 'SIGTERM'],
      ['info', 'shut down', undefined],
    ]);
  });
});

describe('qactor serve log options', () => {
  it('--log-format text keeps `qactor NODE listening on URL` alone on stdout and the log on stderr', async () => {
    const text = await startQactorProcess('texty', ['--log-format', 'text', '--demo', '--demo-rows', '10']);
    try {
      expect(text.stdout()).toBe(`qactor texty listening on ${text.url}\n`);
      expect(text.log()).toContain('qactor: generated demo index [logs] (10 rows, seed 42)');
    } finally {
      await text.kill('SIGKILL');
    }
  });

  it('--log-level warn drops info lines but still announces where it listens', async () => {
    const quiet = await startQactorProcess('quiet', ['--log-level', 'warn', '--demo', '--demo-rows', '10']);
    try {
      await call(quiet, 'POST', '/_query/async', { query: 'FROM logs | STATS c = COUNT(*)', keep_on_completion: true });
      const all = quiet
        .stdout()
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as LogLine);
      expect(all.map((l) => [l.level, l.message])).toEqual([['info', `listening on ${quiet.url}`]]);
    } finally {
      await quiet.kill('SIGKILL');
    }
  });
});
