import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig, type QactorConfig } from '../../src/config.js';
import { startQactor, type RunningQactor } from '../../src/main.js';

/** A small typed-CSV dataset: 100 rows `n:integer, g:keyword` (g = "g" + n % 3). */
export function writeNumbersCsv(rows = 100): string {
  const dir = mkdtempSync(join(tmpdir(), 'qactor-test-'));
  const file = join(dir, 'numbers.csv');
  const lines = ['n:integer,g:keyword'];
  for (let i = 1; i <= rows; i++) lines.push(`${i},g${i % 3}`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** A real qactor node on 127.0.0.1, any free port, with `numbers` loaded and test functions on. */
export async function startTestServer(overrides: Partial<QactorConfig> = {}): Promise<RunningQactor> {
  return startQactor(
    resolveConfig(
      {
        host: '127.0.0.1',
        port: 0,
        loads: [{ index: 'numbers', file: writeNumbersCsv() }],
        testFunctions: true,
        ...overrides,
      },
      {},
    ),
  );
}
