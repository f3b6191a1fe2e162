import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { startQactor, type RunningQactor } from '../../src/main.js';

/** The ingest routes with `dataDir`: what is on disk when a request is answered. */
let dataDir: string;
let node: RunningQactor;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'qactor-ingest-dir-'));
  node = await startQactor(resolveConfig({ port: 0, dataDir }, {}));
});
afterAll(async () => {
  await node?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(node.url + path, { method, headers: { 'content-type': 'application/x-ndjson' }, ...(body === undefined ? {} : { body }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('ingest routes with a data dir', () => {
  it('has the mapping on disk when PUT answers, and the documents when _bulk answers', async () => {
    const put = await call('PUT', '/web', JSON.stringify({ mappings: { properties: { host: { type: 'keyword', fields: { t: { type: 'text' } } } } } }));
    expect(put.status).toBe(200);
    expect(JSON.parse(readFileSync(join(dataDir, 'web', 'mapping.json'), 'utf8'))).toEqual({
      fields: [
        { name: 'host', fieldType: 'keyword', source: 'host' },
        { name: 'host.t', fieldType: 'text', source: 'host' },
      ],
      uuid: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) as unknown,
    });
    const bulk = await call('POST', '/web/_bulk', '{"index":{"_id":"a"}}\n{"host":"x"}\n{"create":{"_id":"a"}}\n{"host":"again"}\n{"create":{}}\n{"host":"y", "n": 1}\n');
    expect(bulk.body.errors).toBe(true);
    // The refused document is not journaled; the accepted ones are, as sent.
    expect(readFileSync(join(dataDir, 'web', 'journal.ndjson'), 'utf8')).toBe('{"_id":"a","_source":{"host":"x"}}\n{"_source":{"host":"y", "n": 1}}\n');
  });

  it('answers 500 when the documents could not be made durable', async () => {
    await call('POST', '/_bulk', '{"index":{"_index":"lost"}}\n{"n":1}\n');
    rmSync(join(dataDir, 'lost'), { recursive: true });
    const res = await call('POST', '/_bulk', '{"index":{"_index":"lost"}}\n{"n":2}\n');
    expect(res.status).toBe(500);
    const error = res.body.error as { type: string; reason: string };
    expect(error.type).toBe('status_exception');
    expect(error.reason).toMatch(/^index \[lost\]: writing to the data dir failed: ENOENT/);
  });

  it('shows the same _cat/indices uuid after a restart (and in the already-exists error)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qactor-ingest-uuid-'));
    const uuidOf = async (url: string, index: string) => {
      const rows = (await (await fetch(`${url}/_cat/indices/${index}?format=json`)).json()) as { uuid: string }[];
      return rows[0].uuid;
    };
    try {
      const first = await startQactor(resolveConfig({ port: 0, dataDir: dir }, {}));
      await fetch(`${first.url}/kept`, { method: 'PUT' });
      const uuid = await uuidOf(first.url, 'kept');
      expect((JSON.parse(readFileSync(join(dir, 'kept', 'mapping.json'), 'utf8')) as { uuid: string }).uuid).toBe(uuid);
      await first.close();
      const second = await startQactor(resolveConfig({ port: 0, dataDir: dir }, {}));
      try {
        expect(await uuidOf(second.url, 'kept')).toBe(uuid);
        const again = (await (await fetch(`${second.url}/kept`, { method: 'PUT' })).json()) as { error: { reason: string } };
        expect(again.error.reason).toBe(`index [kept/${uuid}] already exists`);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('removes the directories of deleted indices', async () => {
    await call('POST', '/_bulk', '{"index":{"_index":"d1"}}\n{"n":1}\n{"index":{"_index":"d2"}}\n{"n":1}\n');
    expect(existsSync(join(dataDir, 'd1')) && existsSync(join(dataDir, 'd2'))).toBe(true);
    expect((await call('DELETE', '/d1,d2')).status).toBe(200);
    expect(existsSync(join(dataDir, 'd1')) || existsSync(join(dataDir, 'd2'))).toBe(false);
  });
});
