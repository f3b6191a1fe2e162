import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../src/cli/load-command.js';
import { startIngestServer, type IngestServer } from '../http/ingest-server.js';

/** `qactor load` against a real node: the file goes through `/_bulk`, ES|QL reads the index. */
const ROOT = join(import.meta.dirname, '..', '..');
const CLI = process.env.QACTOR_CLI_JS ?? join(ROOT, 'dist', 'src', 'cli.js');

let server: IngestServer;
let dir: string;
beforeAll(async () => {
  server = await startIngestServer();
  dir = mkdtempSync(join(tmpdir(), 'qactor-load-'));
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function esql(query: string): Promise<{ columns: { name: string; type: string }[]; values: unknown[][] }> {
  const res = await fetch(`${server.url}/_query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { columns: { name: string; type: string }[]; values: unknown[][] };
}

function captured() {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (c: Buffer) => (text += c.toString()));
  return { io: { stderr }, text: () => text };
}

describe('qactor load', () => {
  it('loads a typed CSV in batches: mappings, multi-fields, multi-values, _id', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `${i},n${i},ignored,[b\\,x,a],2020-01-0${1 + (i % 9)},${i % 2 === 0}`);
    const path = file('emp.csv', `_id:keyword,name:text,name.raw:keyword,tags:keyword,hired:date,even:boolean\n${rows.join('\n')}\n`);
    const out = captured();
    const code = await runLoad('emp', path, { url: server.url, batch: 10 }, out.io);
    expect(out.text()).toContain('loaded 25 of 25 documents into [emp]');
    expect(code).toBe(0);
    const res = await esql('FROM emp | WHERE name.raw == "n3" | KEEP name, name.raw, tags, hired, even');
    expect(res.columns.map((c) => c.type)).toEqual(['text', 'keyword', 'keyword', 'datetime', 'boolean']);
    expect(res.values).toEqual([['n3', 'n3', ['a', 'b,x'], '2020-01-04T00:00:00.000Z', false]]);
    expect((await esql('FROM emp | STATS c = COUNT(*)')).values).toEqual([[25]]);
  });

  it('loads NDJSON with dynamic mapping and reports failed documents with exit code 1', async () => {
    await fetch(`${server.url}/typed`, { method: 'PUT', body: JSON.stringify({ mappings: { properties: { n: { type: 'integer' } } } }) });
    const path = file('t.ndjson', '{"n": 1, "s": "a"}\n\n{"n": "x"}\n{"n": 3, "s": "c"}\n');
    const out = captured();
    const code = await runLoad('typed', path, { url: server.url, batch: 2 }, out.io);
    expect(code).toBe(1);
    expect(out.text()).toContain('document_parsing_exception');
    expect(out.text()).toContain('loaded 2 of 3 documents into [typed]');
    expect((await esql('FROM typed | SORT n | KEEP n, s')).values).toEqual([[1, 'a'], [3, 'c']]);
  });

  it('answers usage errors with 2 and an unreachable node with 1', async () => {
    const path = file('one.ndjson', '{"a":1}\n');
    expect(await runLoad('x', path, { url: 'ftp://x', batch: 10 }, captured().io)).toBe(2);
    expect(await runLoad('x', join(dir, 'missing.csv'), { url: server.url, batch: 10 }, captured().io)).toBe(2);
    expect(await runLoad('x', path, { url: server.url, user: 'nocolon', batch: 10 }, captured().io)).toBe(2);
    const out = captured();
    expect(await runLoad('x', path, { url: 'http://127.0.0.1:1', batch: 10 }, out.io)).toBe(1);
  });

  it('runs as the built CLI end to end', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before these tests`);
    const path = file('cli.ndjson', Array.from({ length: 1234 }, (_, i) => JSON.stringify({ i, tag: `t${i % 3}` })).join('\n'));
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [CLI, 'load', 'fromcli', path, '--url', server.url, '--batch', '500'], (err, _stdout, stderr) => {
        resolve({ code: err === null ? 0 : (err.code as number), stderr });
      });
    });
    expect(result.stderr).toContain('loaded 1234 of 1234 documents into [fromcli]');
    expect(result.code).toBe(0);
    expect((await esql('FROM fromcli | STATS c = COUNT(*), s = SUM(i) BY tag | SORT tag')).values).toEqual(expectedSums(1234));
  });
});

/** `[count, sum of i, tag]` per `tag = t(i % 3)` for i in [0, n). */
function expectedSums(n: number): unknown[][] {
  const sums = [0, 0, 0];
  const counts = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    sums[i % 3] += i;
    counts[i % 3]++;
  }
  return sums.map((s, k) => [counts[k], s, `t${k}`]);
}
