/**
 * Top self-time functions of a V8 `.cpuprofile` (from `node --cpu-prof`).
 *   node dist/bench/profile-summary.js FILE.cpuprofile [top=25]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (file === undefined) throw new Error('usage: profile-summary FILE.cpuprofile [top]');
const top = Number(process.argv[3] ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byNode = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
// Self time per node from the sample stream (each sample's delta is charged to its leaf).
const selfUs = new Map<number, number>();
profile.samples.forEach((nodeId, i) => selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const byFunction = new Map<string, number>();
let total = 0;
for (const [nodeId, us] of selfUs) {
  const f = byNode.get(nodeId)?.callFrame;
  if (f === undefined) continue;
  const where = f.url === '' ? '' : ` ${f.url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;
  const key = `${f.functionName || '(anonymous)'}${where}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  total += us;
}
// Inclusive time: a node's self time plus its subtree's, charged once per function per stack.
const inclusive = new Map<string, number>();
const keyOf = (n: ProfileNode) => {
  const f = n.callFrame;
  const where = f.url === '' ? '' : ` ${f.url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;
  return `${f.functionName || '(anonymous)'}${where}`;
};
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
for (const [nodeId, us] of selfUs) {
  const seen = new Set<string>();
  for (let id: number | undefined = nodeId; id !== undefined; id = parentOf.get(id)) {
    const n = byNode.get(id);
    if (n === undefined) break;
    const k = keyOf(n);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + us);
  }
}
const rows = [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
process.stdout.write(`total ${(total / 1000).toFixed(0)} ms sampled\n| self ms | % | function |\n|---:|---:|---|\n`);
for (const [key, us] of rows) process.stdout.write(`| ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(1)} | ${key} |\n`);
process.stdout.write(`\ninclusive (qactor code only)\n| total ms | % | function |\n|---:|---:|---|\n`);
const incl = [...inclusive.entries()].filter(([k]) => k.includes('dist/src') || k.includes('dist/machines')).sort((a, b) => b[1] - a[1]).slice(0, top);
for (const [key, us] of incl) process.stdout.write(`| ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(1)} | ${key} |\n`);
