import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningQactor } from '../../src/main.js';
import { addUser } from '../../src/security/users-command.js';
import { startTestServer } from '../support/qactor-server.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');

let node: RunningQactor;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before these tests`);
  const usersFile = join(mkdtempSync(join(tmpdir(), 'qactor-cli-auth-')), 'users.json');
  await addUser('alice', { usersFile, roles: [], password: 'alice-pw' });
  node = await startTestServer({ usersFile });
});

afterAll(async () => {
  await node?.close();
});

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr });
    });
  });
}

describe('qactor query --user on a node with security on', () => {
  it('authenticates the WebSocket and the result fetch', async () => {
    const out = await run(['query', 'FROM numbers | STATS c = COUNT(*)', '--url', node.url, '--user', 'alice:alice-pw', '--format', 'csv']);
    expect(out).toMatchObject({ code: 0, stdout: 'c\r\n100\r\n' });
  });

  it('exit 1 with the refusal when the credentials are missing or wrong', async () => {
    const anonymous = await run(['query', 'ROW a = 1', '--url', node.url]);
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toContain('HTTP 401');
    const wrong = await run(['query', 'ROW a = 1', '--url', node.url, '--user', 'alice:not-her-pw']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('HTTP 401');
  });
});
