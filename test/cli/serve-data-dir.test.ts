import { Client } from '@elastic/elasticsearch';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startQactorProcess, type QactorProcess } from '../cluster/qactor-process.js';

/**
 * `qactor serve --data-dir`: real node processes, loaded with the official client, killed with
 * SIGKILL (no graceful shutdown, nothing flushed on the way out) and started again on the same dir.
 */
let dataDir: string;
let nodes: QactorProcess[] = [];
let clients: Client[] = [];
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'qactor-serve-data-'));
});
afterEach(async () => {
  for (const c of clients) await c.close();
  for (const n of nodes) await n.kill('SIGKILL');
  clients = [];
  nodes = [];
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// The operational log in text, on stderr: what QactorProcess.log() returns.
const LOG_TO_STDERR = ['--log-format', 'text'];

async function start(...args: string[]): Promise<{ node: QactorProcess; client: Client }> {
  return started(await startQactorProcess('persist', ['--data-dir', dataDir, ...LOG_TO_STDERR, ...args]));
}

/** The same, with the directory given as QACTOR_DATA_DIR (the child inherits this environment). */
async function startFromEnv(): Promise<{ node: QactorProcess; client: Client }> {
  process.env.QACTOR_DATA_DIR = dataDir;
  try {
    return started(await startQactorProcess('persist', LOG_TO_STDERR));
  } finally {
    delete process.env.QACTOR_DATA_DIR;
  }
}

function started(node: QactorProcess): { node: QactorProcess; client: Client } {
  nodes.push(node);
  const client = new Client({ node: node.url });
  clients.push(client);
  return { node, client };
}

const QUERY = 'FROM web | STATS hits = COUNT(*), bytes = SUM(bytes), hosts = COUNT_DISTINCT(host) BY status | SORT status';

async function esql(client: Client, query: string) {
  const res = (await client.esql.query({ query })) as unknown as { columns: unknown[]; values: unknown[][] };
  return { columns: res.columns, values: res.values };
}

describe('qactor serve --data-dir', () => {
  it('answers the same query after SIGKILL and a restart; a deleted index stays deleted', async () => {
    const first = await start('--demo', '--demo-rows', '1000');
    await first.client.indices.create({
      index: 'web',
      mappings: { properties: { host: { type: 'keyword' }, status: { type: 'short' }, bytes: { type: 'long' }, '@timestamp': { type: 'date' } } },
    });
    const docs = Array.from({ length: 30_000 }, (_, i) => ({
      host: `h${i % 37}`,
      status: [200, 404, 500][i % 3],
      bytes: i * 7,
      '@timestamp': new Date(Date.UTC(2026, 10, 28) + i * 1000).toISOString(),
      ...(i % 1000 === 0 ? { note: `dynamic ${i}` } : {}),
    }));
    const stats = await first.client.helpers.bulk({ datasource: docs, onDocument: () => ({ index: { _index: 'web' } }), flushBytes: 300_000 });
    expect(stats).toMatchObject({ total: 30_000, successful: 30_000, failed: 0 });
    await first.client.helpers.bulk({ datasource: [{ a: 1 }, { a: 2 }], onDocument: () => ({ index: { _index: 'scratch' } }) });
    // Bulk into the generated demo index: accepted, but not persisted.
    await first.client.helpers.bulk({ datasource: [{ status: 200 }], onDocument: () => ({ index: { _index: 'logs' } }) });
    const before = await esql(first.client, QUERY);
    expect(before.values).toHaveLength(3);
    expect((await esql(first.client, 'FROM web | WHERE note IS NOT NULL | STATS c = COUNT(*)')).values).toEqual([[30]]);
    await first.node.kill('SIGKILL');

    const second = await start('--demo', '--demo-rows', '1000');
    expect(await esql(second.client, QUERY)).toEqual(before);
    expect((await esql(second.client, 'FROM web | WHERE note IS NOT NULL | STATS c = COUNT(*)')).values).toEqual([[30]]);
    expect((await esql(second.client, 'FROM logs | STATS c = COUNT(*)')).values).toEqual([[1000]]);
    expect(second.node.log()).toContain('restored index [web] (30000 documents)');
    // The mapping survived: `status` is still a short (ES|QL integer), not a dynamically typed long.
    expect(before.columns).toContainEqual({ name: 'status', type: 'integer' });
    await second.client.indices.delete({ index: 'scratch' });
    expect(existsSync(join(dataDir, 'scratch'))).toBe(false);
    await second.node.kill('SIGKILL');

    const third = await startFromEnv();
    const cat = (await third.client.cat.indices({ format: 'json' })) as unknown as { index: string; 'docs.count': string }[];
    expect(cat.map((r) => [r.index, r['docs.count']])).toEqual([['web', '30000']]);
    expect(await esql(third.client, QUERY)).toEqual(before);
  });

  it('starts over a torn last journal line: warns, keeps the documents before it', async () => {
    const first = await start();
    await first.client.helpers.bulk({ datasource: [{ n: 1 }, { n: 2 }, { n: 3 }], onDocument: () => ({ index: { _index: 'torn' } }) });
    await first.node.kill('SIGKILL');
    const journal = join(dataDir, 'torn', 'journal.ndjson');
    appendFileSync(journal, '{"_source":{"n":4');

    const second = await start();
    expect(second.node.log()).toMatch(/warn.*torn\/journal\.ndjson: ignored a torn last line/);
    expect((await esql(second.client, 'FROM torn | STATS c = COUNT(*), s = SUM(n)')).values).toEqual([[3, 6]]);
    // The torn bytes were cut, so the next document lands on its own line.
    await second.client.helpers.bulk({ datasource: [{ n: 5 }], onDocument: () => ({ index: { _index: 'torn' } }) });
    expect(readFileSync(journal, 'utf8').trimEnd().split('\n').at(-1)).toBe('{"_source":{"n":5}}');
  });

  it('refuses a second node on a directory in use', async () => {
    await start();
    await expect(startQactorProcess('second', ['--data-dir', dataDir])).rejects.toThrow(/is in use by process/);
  });
});
