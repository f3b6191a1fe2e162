import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendDurably, JournalCorruptError, journalLine, replayJournal } from '../../src/storage/index-journal.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qactor-journal-'));
  file = join(dir, 'journal.ndjson');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function replayAll(): { docs: [Record<string, unknown>, string | undefined][]; tornBytes: number; documents: number } {
  const docs: [Record<string, unknown>, string | undefined][] = [];
  const r = replayJournal(file, (source, id) => {
    docs.push([source, id]);
  });
  return { docs, ...r };
}

describe('index journal', () => {
  it('keeps the source line as sent and the id only when the client chose it', () => {
    expect(journalLine(undefined, '{"a":1}')).toBe('{"_source":{"a":1}}\n');
    expect(journalLine('x"y', '{"a":[1,2]}')).toBe('{"_id":"x\\"y","_source":{"a":[1,2]}}\n');
  });

  it('replays appended documents in order, across read chunks', async () => {
    const big = 'v'.repeat(3 * 1024 * 1024);
    await appendDurably(file, journalLine('a', '{"n":1}') + journalLine(undefined, JSON.stringify({ big })));
    await appendDurably(file, journalLine(undefined, '{"n":3,"s":"é ☃"}'));
    const r = replayAll();
    expect(r.tornBytes).toBe(0);
    expect(r.documents).toBe(3);
    expect(r.docs.map(([, id]) => id)).toEqual(['a', undefined, undefined]);
    expect(r.docs[1][0].big).toBe(big);
    expect(r.docs[2][0]).toEqual({ n: 3, s: 'é ☃' });
  });

  it('cuts a torn last line from the file, so the next append starts on a fresh line', async () => {
    await appendDurably(file, journalLine(undefined, '{"n":1}') + journalLine(undefined, '{"n":2}'));
    const good = statSync(file).size;
    appendFileSync(file, '{"_source":{"n":3,"s":"tor');
    const r = replayAll();
    expect(r.documents).toBe(2);
    expect(r.tornBytes).toBe('{"_source":{"n":3,"s":"tor'.length);
    expect(statSync(file).size).toBe(good);
    await appendDurably(file, journalLine(undefined, '{"n":4}'));
    expect(replayAll().docs.map(([d]) => d.n)).toEqual([1, 2, 4]);
  });

  it('reports the byte ranges of the lines the caller refused, newline included', async () => {
    const lines = [journalLine('a', '{"n":1}'), journalLine(undefined, '{"n":"é"}'), '\n', journalLine('c', '{"n":3}')];
    await appendDurably(file, lines.join(''));
    const r = replayJournal(file, (source) => source.n === 1);
    expect(r.documents).toBe(3);
    const bytes = readFileSync(file);
    expect(r.deadLines.map(({ start, end }) => bytes.toString('utf8', start, end))).toEqual([lines[1], lines[3]]);
  });

  it('refuses a damaged line that is not the last one', () => {
    writeFileSync(file, `${journalLine(undefined, '{"n":1}')}{"_source":{"n":\n${journalLine(undefined, '{"n":3}')}`);
    expect(() => replayAll()).toThrow(JournalCorruptError);
    writeFileSync(file, '{"_id":7,"_source":{}}\n');
    expect(() => replayAll()).toThrow(/line 1 is not a journal entry/);
    // Nothing was cut: a damaged file is left as it is for a human to look at.
    expect(readFileSync(file, 'utf8')).toBe('{"_id":7,"_source":{}}\n');
  });

  it('rejects an append it could not make, without leaving part of it behind', async () => {
    await expect(appendDurably(join(dir, 'missing', 'journal.ndjson'), journalLine(undefined, '{}'))).rejects.toThrow(/ENOENT/);
  });
});
