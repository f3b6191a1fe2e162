import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { DEFAULTS } from '../../../../src/config.js';
import { startQactor } from '../../../../src/main.js';
import { allFunctions } from '../../../../src/esql/functions/registry.js';
import { readCsvSpec } from '../../../spec/csv-spec-reader.js';
import { actualFromResponse, compareResult, compareWarnings, parseWarningHeader } from '../../../spec/result-compare.js';

const SPEC_DIR = '/work/shared/esql-spec';

it('scratch: corpus tests using scalar functions', async () => {
  const server = await startQactor({ ...DEFAULTS, host: '127.0.0.1', port: 0, loadDirs: [join(SPEC_DIR, 'data')] });
  const names = new Set<string>();
  for (const d of allFunctions()) if (d.kind === 'scalar') for (const n of [d.name, ...(d.aliases ?? [])]) names.add(n);
  const out: string[] = [];
  let pass = 0;
  let total = 0;
  for (const file of readdirSync(SPEC_DIR).filter((f) => f.endsWith('.csv-spec'))) {
    for (const t of readCsvSpec(file, readFileSync(join(SPEC_DIR, file), 'utf8'))) {
      if (t.disabledReason !== undefined) continue;
      const used = [...t.query.toLowerCase().matchAll(/([a-z_0-9]+)\s*\(/g)].map((m) => m[1]).filter((n) => names.has(n));
      if (used.length === 0) continue;
      total++;
      try {
        const r = await fetch(`${server.url}/_query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: t.query }), signal: AbortSignal.timeout(5000) });
        const body = await r.text();
        if (r.status !== 200) { out.push(`FAIL ${file}:${t.id} [${used}] HTTP ${r.status} ${body.slice(0, 300)}`); continue; }
        const reason = compareResult(t.expected, t.ignoreOrder, actualFromResponse(body));
        const w = compareWarnings(t.warnings, t.warningRegexes, parseWarningHeader(r.headers.get('warning')));
        if (reason === null) { pass++; if (w !== null) out.push(`WARN ${file}:${t.id} ${w}`); }
        else out.push(`FAIL ${file}:${t.id} [${used}] ${reason.slice(0, 400)}`);
      } catch (e) { out.push(`FAIL ${file}:${t.id} ${String(e)}`); }
    }
  }
  out.push(`PASS ${pass}/${total}`);
  writeFileSync('/tmp/scalar-spec.txt', out.join('\n'));
  await server.close();
}, 600_000);
