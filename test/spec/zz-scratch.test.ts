import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { DEFAULTS } from '../../src/config.js';
import { startQactor } from '../../src/main.js';
import { readCsvSpec } from './csv-spec-reader.js';
it('one', async () => {
  const s = await startQactor({ ...DEFAULTS, port: 0, loadDirs: ['/work/shared/esql-spec/data'] });
  const t = readCsvSpec('mv_expand', readFileSync('/work/shared/esql-spec/mv_expand.csv-spec', 'utf8')).find((x) => x.name === 'explosion')!;
  const started = Date.now();
  try {
    const r = await fetch(`${s.url}/_query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: t.query }), signal: AbortSignal.timeout(60000) });
    console.log(r.status, (await r.text()).slice(0, 300), Date.now() - started);
  } catch (e) { console.log('ERR', String(e), Date.now() - started); }
  await s.close();
}, 300000);
