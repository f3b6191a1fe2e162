/**
 * Runs the ES|QL csv-spec corpus through the real HTTP API (`POST /_query`) of an in-process server
 * that has every dataset of the corpus loaded, and enforces a ratchet: every test listed in
 * baseline.txt must still pass. Passing tests are written to baseline.current.txt;
 * `UPDATE_SPEC_BASELINE=1 npm test` copies them into baseline.txt.
 *
 * SPEC_VERBOSE=1 prints every failure with its reason, warning mismatches and slow tests.
 * SPEC_TRACE=1 names each test as it is sent, to find one that takes the process down (quarantine.txt).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/config.js';
import { type RunningQactor, startQactor } from '../../src/main.js';
import { type CsvSpecTest, readCsvSpec } from './csv-spec-reader.js';
import { actualFromResponse, compareResult, compareWarnings, parseWarningHeader } from './result-compare.js';
import { missingDataset, queryNeeds } from './spec-datasets.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SPEC_DIR = resolve(HERE, '../../../shared/esql-spec');
const DATA_DIR = join(SPEC_DIR, 'data');
const BASELINE = join(HERE, 'baseline.txt');
const CURRENT = join(HERE, 'baseline.current.txt');
const QUARANTINE = join(HERE, 'quarantine.txt');
const REQUEST_TIMEOUT_MS = 30_000;
// Sequential: the server shares this process, so a heavy query would starve its neighbours into timeouts.
const CONCURRENCY = 1;
const BASELINE_HEADER =
  '# csv-spec tests that pass (file:test). The spec run fails if one of them stops passing.\n' +
  '# Regenerate with UPDATE_SPEC_BASELINE=1 npm test.\n';

type Status = 'pass' | 'fail' | 'disabled' | 'unavailable';
interface Outcome {
  readonly key: string;
  readonly status: Status;
  readonly reason?: string;
  /** Only for tests that ran: did the warnings agree (the separate, lenient metric)? */
  readonly warningsOk?: boolean;
  readonly warningsReason?: string;
  readonly elapsedMs?: number;
}

const specFiles = existsSync(SPEC_DIR)
  ? readdirSync(SPEC_DIR)
      .filter((f) => f.endsWith('.csv-spec'))
      .sort()
  : [];
const keyOf = (file: string, test: string) => `${file.replace(/\.csv-spec$/, '')}:${test}`;
const readList = (path: string) =>
  existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'))
    : [];
const baseline = new Set(readList(BASELINE));
/** `file:test  # reason`: tests that take the whole process down (e.g. out of memory) are not sent. */
const quarantine = new Map(
  readList(QUARANTINE).map((l) => {
    const hash = l.indexOf('#');
    return [(hash < 0 ? l : l.slice(0, hash)).trim(), hash < 0 ? 'no reason given' : l.slice(hash + 1).trim()];
  }),
);
const outcomes = new Map<string, Outcome[]>();

let server: RunningQactor;
let loaded: string[] = [];

async function runOne(test: CsvSpecTest, file: string): Promise<Outcome> {
  const key = keyOf(file, test.id);
  if (process.env.SPEC_TRACE === '1') console.error(`>> ${key}`);
  if (test.disabledReason !== undefined) return { key, status: 'disabled', reason: test.disabledReason };
  const missing = missingDataset(queryNeeds(test.query), loaded);
  if (missing !== undefined) return { key, status: 'unavailable', reason: `needs ${missing}` };
  // Counted as a failure, not skipped: the test is enabled upstream, we just cannot survive it yet.
  const quarantined = quarantine.get(key);
  if (quarantined !== undefined) return { key, status: 'fail', reason: `quarantined: ${quarantined}` };
  let response: Response;
  let body: string;
  try {
    response = await fetch(`${server.url}/_query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: test.query }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    body = await response.text();
  } catch (e) {
    return { key, status: 'fail', reason: `request failed: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (response.status !== 200) return { key, status: 'fail', reason: `HTTP ${response.status}: ${body.slice(0, 300)}` };
  let reason: string | null;
  try {
    reason = compareResult(test.expected, test.ignoreOrder, actualFromResponse(body));
  } catch (e) {
    reason = `bad response: ${e instanceof Error ? e.message : String(e)}`;
  }
  const warningsReason = compareWarnings(test.warnings, test.warningRegexes, parseWarningHeader(response.headers.get('warning')));
  const warnings = warningsReason === null ? { warningsOk: true } : { warningsOk: false, warningsReason };
  return reason === null ? { key, status: 'pass', ...warnings } : { key, status: 'fail', reason, ...warnings };
}

async function runAll(tests: CsvSpecTest[], file: string): Promise<Outcome[]> {
  const results = new Array<Outcome>(tests.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < tests.length; i = next++) {
      const started = performance.now();
      const outcome = await runOne(tests[i], file);
      results[i] = { ...outcome, elapsedMs: Math.round(performance.now() - started) };
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

describe('csv-spec corpus over HTTP', () => {
  beforeAll(async () => {
    server = await startQactor({ ...DEFAULTS, host: '127.0.0.1', port: 0, loadDirs: [DATA_DIR] });
    loaded = server.catalog.list().map((i) => i.name);
  });

  afterAll(async () => {
    await server?.close();
    report();
  });

  it('finds the corpus', () => {
    expect(specFiles.length).toBeGreaterThan(0);
  });

  for (const file of specFiles) {
    it(`${file}: no baseline test regresses`, async () => {
      const tests = readCsvSpec(file, readFileSync(join(SPEC_DIR, file), 'utf8'));
      const results = await runAll(tests, file);
      outcomes.set(file, results);
      console.log(summaryLine(file, results));
      if (process.env.SPEC_VERBOSE === '1') {
        for (const o of results) {
          if (o.status === 'fail') console.log(`  FAIL ${o.key}: ${o.reason?.slice(0, 400)}`);
          else if (o.warningsReason !== undefined) console.log(`  WARN ${o.key}: ${o.warningsReason.slice(0, 400)}`);
          if ((o.elapsedMs ?? 0) > 1_000) console.log(`  SLOW ${o.key}: ${o.elapsedMs} ms`);
        }
      }
      const regressions = results.filter((o) => baseline.has(o.key) && o.status === 'fail');
      if (regressions.length > 0 && process.env.UPDATE_SPEC_BASELINE !== '1') {
        const lines = regressions.map((o) => `  ${o.key}: ${o.reason}`).join('\n');
        expect.fail(`${regressions.length} baseline test(s) of ${file} no longer pass:\n${lines}`);
      }
    }, 600_000);
  }
});

interface Tally {
  pass: number;
  ran: number;
  warningsOk: number;
  disabled: number;
  unavailable: number;
}

function tally(results: readonly Outcome[]): Tally {
  const t: Tally = { pass: 0, ran: 0, warningsOk: 0, disabled: 0, unavailable: 0 };
  for (const o of results) {
    if (o.status === 'disabled') t.disabled++;
    else if (o.status === 'unavailable') t.unavailable++;
    else {
      t.ran++;
      if (o.status === 'pass') t.pass++;
      if (o.warningsOk === true) t.warningsOk++;
    }
  }
  return t;
}

function summaryLine(file: string, results: readonly Outcome[]): string {
  const t = tally(results);
  return (
    `${file.padEnd(32)} ${String(t.pass).padStart(4)}/${String(t.ran).padEnd(4)} passed   ` +
    `warnings ok ${t.warningsOk}/${t.ran}   (${t.disabled} disabled upstream, ${t.unavailable} need missing datasets)`
  );
}

function report(): void {
  if (outcomes.size === 0) return;
  const total: Tally = { pass: 0, ran: 0, warningsOk: 0, disabled: 0, unavailable: 0 };
  const passing: string[] = [];
  const ranKeys = new Set<string>();
  const lines: string[] = [];
  for (const file of specFiles) {
    const results = outcomes.get(file);
    if (results === undefined) continue;
    lines.push(summaryLine(file, results));
    const t = tally(results);
    for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += t[k];
    for (const o of results) {
      ranKeys.add(o.key);
      if (o.status === 'pass') passing.push(o.key);
    }
  }
  const pct = total.ran === 0 ? '0' : ((100 * total.pass) / total.ran).toFixed(1);
  lines.push(
    `TOTAL ${total.pass}/${total.ran} passed (${pct}%), warnings ok ${total.warningsOk}/${total.ran}, ` +
      `${total.disabled} disabled upstream, ${total.unavailable} need missing datasets`,
  );
  passing.sort();
  if (outcomes.size < specFiles.length) {
    lines.push('(partial run: baseline files left untouched)');
    console.log(lines.join('\n'));
    return;
  }
  const gone = [...baseline].filter((k) => !ranKeys.has(k));
  if (gone.length > 0) lines.push(`baseline.txt names ${gone.length} test(s) not in the corpus: ${gone.slice(0, 5).join(', ')}`);
  writeFileSync(CURRENT, passing.map((k) => `${k}\n`).join(''));
  const fresh = passing.filter((k) => !baseline.has(k));
  if (process.env.UPDATE_SPEC_BASELINE === '1') {
    writeFileSync(BASELINE, BASELINE_HEADER + passing.map((k) => `${k}\n`).join(''));
    lines.push(`baseline.txt rewritten with ${passing.length} passing tests`);
  } else if (fresh.length > 0) {
    lines.push(`${fresh.length} test(s) pass that are not in baseline.txt: run UPDATE_SPEC_BASELINE=1 npm test to ratchet them in`);
  }
  console.log(lines.join('\n'));
}
