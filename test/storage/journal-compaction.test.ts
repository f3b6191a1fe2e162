import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalLine, replayJournal } from '../../src/storage/index-journal.js';
import { compactJournal, compactionTempFile, discardCompactionLeftover } from '../../src/storage/journal-compaction.js';

let dir: string;
let journal: string;
let dropped: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qactor-compaction-'));
  journal = join(dir, 'journal.ndjson');
  dropped = join(dir, 'dropped.ndjson');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Replays the journal, refusing documents whose `n` is odd, and returns the dead lines. */
const oddLines = () => replayJournal(journal, (source) => (source.n as number) % 2 === 0).deadLines;

describe('journal compaction', () => {
  it('keeps the live lines byte for byte, in order, and sets the dead ones aside', () => {
    // Spacing and big integers as the client sent them: copied, never re-serialized.
    const lines = [1, 2, 3, 4, 5].map((n) => journalLine(n === 4 ? 'id4' : undefined, `{ "n" : ${n}, "big": 12345678901234567890 }`));
    writeFileSync(journal, lines.join(''));
    compactJournal(journal, oddLines(), dropped);
    expect(readFileSync(journal, 'utf8')).toBe(lines[1] + lines[3]);
    expect(readFileSync(dropped, 'utf8')).toBe(lines[0] + lines[2] + lines[4]);
    expect(existsSync(compactionTempFile(journal))).toBe(false);
    // Compacted, it has nothing left to drop; a second compaction appends to what was set aside.
    expect(oddLines()).toEqual([]);
    writeFileSync(journal, lines[0] + lines[1]);
    compactJournal(journal, oddLines(), dropped);
    expect(readFileSync(dropped, 'utf8')).toBe(lines[0] + lines[2] + lines[4] + lines[0]);
  });

  it('copies journals larger than its copy buffer', () => {
    const big = journalLine(undefined, JSON.stringify({ n: 2, pad: 'x'.repeat(5 * 1024 * 1024) }));
    const odd = journalLine(undefined, '{"n":1}');
    writeFileSync(journal, odd + big + odd + big);
    compactJournal(journal, oddLines(), dropped);
    expect(readFileSync(journal, 'utf8')).toBe(big + big);
  });

  it('leaves the journal as it is when nothing is dead', () => {
    writeFileSync(journal, journalLine(undefined, '{"n":2}'));
    compactJournal(journal, [], dropped);
    expect(existsSync(dropped)).toBe(false);
    expect(readFileSync(journal, 'utf8')).toBe(journalLine(undefined, '{"n":2}'));
  });

  it('discards a half-written copy left by a crash, and only that', () => {
    writeFileSync(journal, journalLine(undefined, '{"n":2}'));
    expect(discardCompactionLeftover(journal)).toBe(false);
    writeFileSync(compactionTempFile(journal), '{"_source":{"n":2}}\n{"_sou');
    expect(discardCompactionLeftover(journal)).toBe(true);
    expect(existsSync(compactionTempFile(journal))).toBe(false);
    expect(readFileSync(journal, 'utf8')).toBe(journalLine(undefined, '{"n":2}'));
  });
});
