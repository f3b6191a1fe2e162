import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDir, DataDirError } from '../../src/storage/data-dir.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'qactor-data-dir-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const UUID = 'aB3_-c4D5e6F7g8H9i0J1k';
const FIELDS = [
  { name: 'name', fieldType: 'text', source: 'name' },
  { name: 'name.raw', fieldType: 'keyword', source: 'name' },
];

describe('DataDir', () => {
  it('creates an index directory with its mapping and an empty journal, and removes it', async () => {
    const dir = DataDir.open(join(root, 'nested', 'data'));
    await dir.createIndex('web', FIELDS, UUID);
    await dir.createIndex('.hidden-ok', [], UUID);
    expect(dir.indexNames()).toEqual(['.hidden-ok', 'web']);
    expect(dir.readMapping('web')).toEqual({ fields: FIELDS, uuid: UUID });
    expect(readFileSync(dir.journalFile('web'), 'utf8')).toBe('');
    await dir.removeIndex('web');
    await dir.removeIndex('never-created');
    expect(dir.indexNames()).toEqual(['.hidden-ok']);
    // No staging or trash directory is left behind.
    expect(readdirSync(dir.root).sort()).toEqual(['.hidden-ok', 'node.lock']);
  });

  it('never lets a name leave the directory', async () => {
    const dir = DataDir.open(root);
    for (const name of ['..', '.', '../x', 'a/b', 'a\\b', '_staging-x', '']) {
      await expect(dir.createIndex(name, [], UUID)).rejects.toThrow(DataDirError);
      expect(() => dir.journalFile(name)).toThrow(DataDirError);
    }
    expect(readdirSync(root).sort()).toEqual(['node.lock']);
  });

  it('removes what a crash left behind and skips directories that are not indices', () => {
    mkdirSync(join(root, '_staging-0a1b'));
    mkdirSync(join(root, '_trash-0a1b'));
    writeFileSync(join(root, '_trash-0a1b', 'journal.ndjson'), '{}\n');
    mkdirSync(join(root, 'lost+found'));
    mkdirSync(join(root, 'nomapping'));
    const dir = DataDir.open(root);
    expect(dir.indexNames()).toEqual([]);
    expect(existsSync(join(root, '_staging-0a1b'))).toBe(false);
    expect(existsSync(join(root, '_trash-0a1b'))).toBe(false);
  });

  it('reports a damaged mapping with its file', () => {
    mkdirSync(join(root, 'bad'));
    writeFileSync(join(root, 'bad', 'mapping.json'), '{"fields": [{"name": 1}]}');
    expect(() => DataDir.open(root).readMapping('bad')).toThrow(/bad\/mapping\.json: expected/);
  });

  it('reads a mapping written before uuids were kept, and records one for it in place', () => {
    mkdirSync(join(root, 'old'));
    writeFileSync(join(root, 'old', 'mapping.json'), JSON.stringify({ fields: FIELDS }));
    const dir = DataDir.open(root);
    const mapping = dir.readMapping('old');
    expect(mapping).toEqual({ fields: FIELDS });
    dir.recordUuid('old', mapping, UUID);
    expect(dir.readMapping('old')).toEqual({ fields: FIELDS, uuid: UUID });
    expect(readdirSync(join(root, 'old'))).toEqual(['mapping.json']);
    writeFileSync(join(root, 'old', 'mapping.json'), JSON.stringify({ fields: FIELDS, uuid: 'short' }));
    expect(() => dir.readMapping('old')).toThrow(/old\/mapping\.json: expected/);
  });

  it('refuses a directory held by a live process, takes over one left by a dead process', () => {
    const live = process.ppid;
    writeFileSync(join(root, 'node.lock'), `${live}\n`);
    expect(() => DataDir.open(root)).toThrow(new RegExp(`in use by process ${live}`));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(root, 'node.lock'), `${dead}\n`);
    const dir = DataDir.open(root);
    expect(readFileSync(join(root, 'node.lock'), 'utf8')).toBe(`${process.pid}\n`);
    dir.releaseLock();
    expect(existsSync(join(root, 'node.lock'))).toBe(false);
  });
});
