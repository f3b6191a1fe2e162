import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisPorts } from '../../src/redis/create-redis-ports.js';
import { SystemClock } from '../../src/runtime/system-clock.js';
import { call, startQactorProcess, type QactorProcess } from '../cluster/qactor-process.js';
import { writeNumbersCsv } from '../support/qactor-server.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';

/** `qactor serve --checkpoint-interval MS`: a real process from dist/, on a real Redis. */
const CLI = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));

let redis: TestRedis;
let node: QactorProcess | undefined;

beforeAll(async () => {
  redis = await startTestRedis();
}, 60_000);

afterAll(async () => {
  await node?.kill('SIGKILL');
  await redis?.stop();
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('qactor serve --checkpoint-interval', () => {
  it('refuses a value out of range (config error, exit 2) or not a number (commander, exit 1) before starting', () => {
    for (const [value, code, message] of [
      ['50', 2, 'checkpoint interval must be 100..3600000 ms, got [50]'],
      ['1s', 1, "option '--checkpoint-interval <ms>' argument '1s' is invalid"],
    ] as const) {
      const run = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--checkpoint-interval', value], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status, run.stderr).toBe(code);
      expect(run.stderr).toContain(message);
      expect(run.stdout).not.toContain('listening on');
    }
  });

  it('checkpoints running queries at the given interval, not the 1 s default', async () => {
    node = await startQactorProcess('ckpt', [
      '--redis', redis.url, '--load', `numbers=${writeNumbersCsv(100)}`, '--test-functions', '--checkpoint-interval', '100',
    ]);
    // 50 ms per row: the count changes between two checkpoints, so none is skipped as unchanged.
    const submitted = await call(node, 'POST', '/_query/async', {
      query: 'FROM numbers | EVAL d = DELAY(50ms) | STATS c = COUNT(*)',
      wait_for_completion_timeout: '1ms',
    });
    const id = submitted.body.id as string;
    const reader = await createRedisPorts(redis.url, { prefix: 'qactor', clock: new SystemClock() });
    // Checkpoints written one sweep apart: with the default, never closer than 1000 ms.
    const takenAt = new Set<number>();
    let closest = Number.POSITIVE_INFINITY;
    try {
      const deadline = Date.now() + 15_000;
      while (closest >= 900 && Date.now() < deadline) {
        await sleep(20);
        const at = (await reader.directory.getCheckpoint(id))?.takenAtMs;
        if (at === undefined || takenAt.has(at)) continue;
        for (const seen of takenAt) closest = Math.min(closest, Math.abs(at - seen));
        takenAt.add(at);
      }
    } finally {
      await reader.close();
    }
    expect(closest).toBeLessThan(900);
    await call(node, 'DELETE', `/_query/async/${id}`);
  }, 60_000);
});
