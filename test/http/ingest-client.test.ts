import { Client, errors } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIngestServer, type IngestServer } from './ingest-server.js';

/** The official 8.19 client loads data with `helpers.bulk`; ES|QL `FROM` then reads it. */
let server: IngestServer;
let client: Client;
beforeAll(async () => {
  server = await startIngestServer();
  client = new Client({ node: server.url });
});
afterAll(async () => {
  await client?.close();
  await server?.close();
});

const esqlError = async (query: string) => {
  const err = await client.esql.query({ query }).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(errors.ResponseError);
  return (err as errors.ResponseError).body as { error: { type: string; reason: string } };
};

describe('ingest with the official client', () => {
  it('creates an index with mappings, loads it with helpers.bulk, and ES|QL reads it', async () => {
    const created = await client.indices.create({
      index: 'people',
      mappings: {
        properties: {
          name: { type: 'text', fields: { raw: { type: 'keyword' } } },
          age: { type: 'short' },
          height: { type: 'half_float' },
          born: { type: 'date' },
          addr: { type: 'ip' },
          tags: { type: 'keyword' },
          big: { type: 'unsigned_long' },
          address: { properties: { city: { type: 'keyword' } } },
        },
      },
    });
    expect(created).toMatchObject({ acknowledged: true, index: 'people' });

    // 20,000 documents: more than two segments, so sealed segments and the tail are both read.
    const docs = Array.from({ length: 20_000 }, (_, i) => ({
      name: `person ${i}`,
      age: i % 100,
      height: 1.5,
      born: '2000-01-02',
      addr: `10.0.${i % 4}.1`,
      tags: ['z', 'a', 'z'],
      big: '18446744073709551615',
      address: { city: i % 2 === 0 ? 'Paris' : 'Oslo' },
      ...(i === 7 ? { extra: true } : {}),
    }));
    const stats = await client.helpers.bulk({
      datasource: docs,
      onDocument: () => ({ index: { _index: 'people' } }),
      flushBytes: 500_000,
    });
    expect(stats).toMatchObject({ total: 20_000, successful: 20_000, failed: 0 });

    const res = await client.esql.query({
      query: 'FROM people | WHERE age == 7 | STATS c = COUNT(*), h = MAX(height), b = MAX(born) BY address.city | SORT address.city',
    });
    expect(res.values).toEqual([
      [200, 1.5, '2000-01-02T00:00:00.000Z', 'Oslo'],
    ]);
    const cols = await client.esql.query({ query: 'FROM people | WHERE extra | KEEP name, name.raw, age, addr, tags, big, extra' });
    expect(cols.columns).toEqual([
      { name: 'name', type: 'text' },
      { name: 'name.raw', type: 'keyword' },
      { name: 'age', type: 'integer' },
      { name: 'addr', type: 'ip' },
      { name: 'tags', type: 'keyword' },
      { name: 'big', type: 'unsigned_long' },
      { name: 'extra', type: 'boolean' },
    ]);
    // Multi-values come back sorted and de-duplicated, as keyword doc values.
    expect(cols.values).toEqual([['person 7', 'person 7', 7, '10.0.3.1', ['a', 'z'], 2 ** 64, true]]);
    const count = await client.esql.query({ query: 'FROM people | STATS c = COUNT(*), e = COUNT(extra)' });
    expect(count.values).toEqual([[20_000, 1]]);
  });

  it('maps unmapped fields dynamically and appends to an existing index', async () => {
    await client.bulk({
      operations: [
        { index: { _index: 'events', _id: '1' } },
        { n: 1, ratio: 0.5, at: '2024-05-01T10:00:00Z', msg: 'hello', ok: true, nested: { k: 'v' } },
      ],
    });
    await client.bulk({ index: 'events', operations: [{ create: {} }, { n: 3000000000, msg: 'second', later: 'x' }] });
    const res = await client.esql.query({ query: 'FROM events | SORT n | KEEP n, ratio, at, msg, ok, nested.k, later' });
    expect(res.columns).toEqual([
      { name: 'n', type: 'long' },
      { name: 'ratio', type: 'double' },
      { name: 'at', type: 'datetime' },
      { name: 'msg', type: 'keyword' },
      { name: 'ok', type: 'boolean' },
      { name: 'nested.k', type: 'keyword' },
      { name: 'later', type: 'keyword' },
    ]);
    expect(res.values).toEqual([
      [1, 0.5, '2024-05-01T10:00:00.000Z', 'hello', true, 'v', null],
      [3000000000, null, null, 'second', null, null, 'x'],
    ]);
  });

  it('reports per-item errors and indexes the other documents', async () => {
    await client.indices.create({ index: 'typed', mappings: { properties: { n: { type: 'long' } } } });
    const res = await client.bulk({
      index: 'typed',
      operations: [
        { index: { _id: 'a' } },
        { n: 1 },
        { index: { _id: 'b' } },
        { n: 'not a number' },
        { create: { _id: 'a' } },
        { n: 2 },
        { delete: { _id: 'a' } },
        { index: { _index: 'Bad' } },
        { n: 3 },
      ],
    });
    expect(res.errors).toBe(true);
    expect(res.items.map((i) => Object.keys(i)[0])).toEqual(['index', 'index', 'create', 'delete', 'index']);
    expect(res.items[0].index).toMatchObject({ _index: 'typed', _id: 'a', status: 201, result: 'created' });
    expect(res.items[1].index).toMatchObject({ _id: 'b', status: 400, error: { type: 'document_parsing_exception' } });
    expect(res.items[1].index?.error?.reason).toContain('failed to parse field [n] of type [long]');
    expect(res.items[2].create).toMatchObject({ status: 409, error: { type: 'version_conflict_engine_exception' } });
    expect(res.items[3].delete?.status).toBe(400);
    expect(res.items[4].index).toMatchObject({ status: 400, error: { type: 'invalid_index_name_exception' } });
    const rows = await client.esql.query({ query: 'FROM typed | KEEP n' });
    expect(rows.values).toEqual([[1]]);
  });

  it('refuses a malformed action line and bad mappings as a whole request', async () => {
    const bad = await fetch(`${server.url}/_bulk`, { method: 'POST', body: '{"index":{"_index":"x"}}\n{}\n{"oops":{}}\n{}\n' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { type: string } }).error.type).toBe('illegal_argument_exception');
    const mapping = await client.indices.create({ index: 'm', mappings: { properties: { f: { type: 'geo_shape' } } } }).catch((e: unknown) => e);
    expect((mapping as errors.ResponseError).statusCode).toBe(400);
    expect((mapping as errors.ResponseError).body).toMatchObject({ error: { type: 'mapper_parsing_exception' } });
    const twice = await client.indices.create({ index: 'typed' }).catch((e: unknown) => e);
    expect((twice as errors.ResponseError).body).toMatchObject({ error: { type: 'resource_already_exists_exception' } });
  });

  it('lists indices with _cat/indices as text and JSON', async () => {
    await client.indices.create({ index: 'cat-a' });
    await client.bulk({ index: 'cat-a', operations: [{ index: {} }, { v: 1 }, { index: {} }, { v: 2 }] });
    const json = await client.cat.indices({ index: 'cat-*', format: 'json' });
    expect(json).toEqual([expect.objectContaining({ health: 'green', status: 'open', index: 'cat-a', 'docs.count': '2' })]);
    const text = await (await fetch(`${server.url}/_cat/indices?v`)).text();
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^health +status +index +uuid +pri +rep +docs\.count/);
    expect(lines.some((l) => /^green +open +cat-a +\S+ +1 +0 +2 +0 /.test(l))).toBe(true);
    expect(await client.indices.exists({ index: 'cat-a' })).toBe(true);
  });

  it('DELETE drops an index: FROM then answers Unknown index', async () => {
    await client.bulk({ index: 'gone', operations: [{ index: {} }, { v: 1 }] });
    expect((await client.esql.query({ query: 'FROM gone' })).values).toEqual([[1]]);
    expect(await client.indices.delete({ index: 'gone' })).toEqual({ acknowledged: true });
    const body = await esqlError('FROM gone');
    expect(body.error.type).toBe('verification_exception');
    expect(body.error.reason).toContain('Unknown index [gone]');
    const again = await client.indices.delete({ index: 'gone' }).catch((e: unknown) => e);
    expect((again as errors.ResponseError).statusCode).toBe(404);
    expect(await client.indices.exists({ index: 'gone' })).toBe(false);
    const wildcard = await client.indices.delete({ index: 'cat-*' }).catch((e: unknown) => e);
    expect((wildcard as errors.ResponseError).statusCode).toBe(400);
    expect(await client.indices.exists({ index: 'cat-a' })).toBe(true);
  });
});
