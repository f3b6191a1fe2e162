import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDir, loadFile } from '../../src/storage/load-dir.js';

describe('loadDir / loadFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qactor-load-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads every dataset of the corpus, named after the file', () => {
    const names = loadDir('/work/shared/esql-spec/data').map((i) => `${i.name}:${i.rowCount}`);
    expect(names).toEqual([
      'addresses:3',
      'apps:14',
      'employees:100',
      'hosts:10',
      'languages:4',
      'sample_data:7',
      'ul_logs:101',
      'wide:6',
    ]);
  });

  it('picks the loader by extension and ignores other files', () => {
    writeFileSync(join(dir, 'b.ndjson'), '{"x": 1}\n{"x": 2}\n');
    writeFileSync(join(dir, 'a.csv'), 'y:keyword\nq\n');
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    expect(loadDir(dir).map((i) => [i.name, i.columns[0].name, i.rowCount])).toEqual([
      ['a', 'y', 1],
      ['b', 'x', 2],
    ]);
    expect(loadFile('renamed', join(dir, 'b.ndjson')).name).toBe('renamed');
    expect(() => loadFile('n', join(dir, 'notes.txt'))).toThrow(/expected a \.csv or \.ndjson file/);
  });
});
