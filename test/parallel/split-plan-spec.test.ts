/**
 * The strongest net: every csv-spec query that splitPlan accepts is run unsplit and split (K = 2
 * and 3 partitions of datasets cut into 5-row segments) and the results must agree: columns, rows
 * and warnings (each text once, at the user's positions).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EngineResult } from '../../src/esql/query-engine.js';
import { Catalog } from '../../src/storage/catalog.js';
import { loadDir } from '../../src/storage/load-dir.js';
import { splitPlan } from '../../src/parallel/split-plan.js';
import { readCsvSpec } from '../spec/csv-spec-reader.js';
import { compareRows, cutSegments, distinct, run, runSplit } from './split-harness.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SPEC_DIR = resolve(HERE, '../../../shared/esql-spec');

describe('split = unsplit over the csv-spec corpus', () => {
  it('agrees on every accepted query that runs', async () => {
    expect(existsSync(SPEC_DIR)).toBe(true);
    const catalog = new Catalog();
    for (const index of loadDir(join(SPEC_DIR, 'data'))) catalog.put(cutSegments(index, 5));
    const files = readdirSync(SPEC_DIR).filter((f) => f.endsWith('.csv-spec')).sort();
    let checked = 0;
    const failures: string[] = [];
    for (const file of files) {
      for (const test of readCsvSpec(file, readFileSync(join(SPEC_DIR, file), 'utf8'))) {
        const plan = splitPlan(test.query);
        if (plan === null || catalog.get(plan.index) === undefined) continue;
        let direct: EngineResult;
        try {
          direct = await run(catalog, test.query);
        } catch {
          continue; // errors are reported by the unsplit path
        }
        checked++;
        for (const k of [2, 3]) {
          let problem: string | null;
          try {
            const split = await runSplit(catalog, plan, k);
            problem =
              JSON.stringify(split.columns) !== JSON.stringify(direct.columns)
                ? `columns ${JSON.stringify(split.columns)}, expected ${JSON.stringify(direct.columns)}`
                : JSON.stringify(split.warnings) !== JSON.stringify(distinct(direct.warnings))
                  ? `warnings ${JSON.stringify(split.warnings)}, expected ${JSON.stringify(direct.warnings)}`
                  : compareRows(direct, split);
          } catch (e) {
            problem = `split failed: ${e instanceof Error ? e.message : String(e)}`;
          }
          if (problem !== null) failures.push(`${file}:${test.id} [K=${k}] ${problem}\n  ${test.query}\n  worker: ${plan.workerQuery}\n  final: ${plan.finalQuery}`);
        }
      }
    }
    console.log(`split-plan spec: ${checked} accepted csv-spec queries checked both ways`);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  }, 300_000);
});
