import { Client, errors } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningQactor } from '../../src/main.js';
import { startSecureQactor } from '../security/secure-qactor.js';

/** The official JS client's own `auth` options (Basic and API key) against a node with `--users`. */
let node: RunningQactor;
const clients: Client[] = [];
const client = (options: ConstructorParameters<typeof Client>[0]) => {
  const c = new Client({ node: node.url, ...options });
  clients.push(c);
  return c;
};
beforeAll(async () => {
  node = await startSecureQactor();
});
afterAll(async () => {
  for (const c of clients) await c.close();
  await node.close();
});

describe('@elastic/elasticsearch 8.19 with security on', () => {
  it('authenticates with username/password, creates an API key, and uses it', async () => {
    const alice = client({ auth: { username: 'alice', password: 'alice-pw' } });
    expect((await alice.esql.query({ query: 'FROM numbers | STATS c = COUNT(*)' })).values).toEqual([[100]]);
    const key = await alice.security.createApiKey({ name: 'client-test' });
    const viaKey = client({ auth: { apiKey: key.encoded } });
    expect((await viaKey.security.authenticate()).username).toBe('alice');
    const invalidated = await alice.security.invalidateApiKey({ ids: [key.id] });
    expect(invalidated.invalidated_api_keys).toEqual([key.id]);
    await expect(viaKey.esql.query({ query: 'ROW 1' })).rejects.toBeInstanceOf(errors.ResponseError);
  });

  it('surfaces 401 as a ResponseError with security_exception', async () => {
    const anonymous = client({});
    const err = (await anonymous.esql.query({ query: 'ROW 1' }).catch((e: unknown) => e)) as InstanceType<typeof errors.ResponseError>;
    expect(err).toBeInstanceOf(errors.ResponseError);
    expect(err.statusCode).toBe(401);
    expect((err.body as { error: { type: string } }).error.type).toBe('security_exception');
  });

  it('answers another user\'s async query with 404', async () => {
    const alice = client({ auth: { username: 'alice', password: 'alice-pw' } });
    const bob = client({ auth: { username: 'bob', password: 'bob-pw' } });
    const submitted = (await alice.esql.asyncQuery({
      query: 'FROM numbers | EVAL d = DELAY(100ms)',
      wait_for_completion_timeout: '0s',
    })) as unknown as { id: string };
    const err = (await bob.esql.asyncQueryGet({ id: submitted.id }).catch((e: unknown) => e)) as InstanceType<typeof errors.ResponseError>;
    expect(err.statusCode).toBe(404);
    await alice.esql.asyncQueryDelete({ id: submitted.id });
  });
});
