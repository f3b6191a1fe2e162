import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { machineText } from '../../src/cli/machine-command.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before these tests`);
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr });
    });
  });
}

describe('qactor machine', () => {
  it('--json prints XState\'s definition of the query machine', async () => {
    const out = await run(['machine', '--json']);
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as { id: string; states: Record<string, { states: Record<string, unknown> }> };
    expect(json.id).toBe('query');
    expect(Object.keys(json.states)).toEqual(['submitted', 'active', 'done']);
    expect(Object.keys(json.states.active.states)).toEqual(['running', 'stopping']);
    expect(out.stdout).toBe(machineText('json'));
  });

  it('--mermaid prints a stateDiagram-v2', async () => {
    const out = await run(['machine', '--mermaid']);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(machineText('mermaid'));
    expect(out.stdout).toContain('query_submitted --> query_active : slot.granted');
  });

  it('exit 2 without exactly one format', async () => {
    await expect(run(['machine'])).resolves.toMatchObject({ code: 2 });
    await expect(run(['machine', '--json', '--mermaid'])).resolves.toMatchObject({ code: 2 });
  });
});
