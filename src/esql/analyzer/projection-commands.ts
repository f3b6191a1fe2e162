import type { DropCommand, KeepCommand, NamePattern, RenameCommand } from '../ast.js';
import type { ExpressionResolver } from './expression-resolver.js';
import type { PlanBuilder } from './plan-builder.js';
import { unknownColumnMessage } from './unknown-column.js';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Channels of `names` matching a `*` pattern, in input order. */
export function matchPattern(pattern: string, names: readonly string[]): number[] {
  if (!pattern.includes('*')) {
    const i = names.lastIndexOf(pattern);
    return i < 0 ? [] : [i];
  }
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  const out: number[] = [];
  for (let i = 0; i < names.length; i++) if (re.test(names[i])) out.push(i);
  return out;
}

/** ES's precedence when KEEP patterns overlap: an exact name beats a partial wildcard beats `*`. */
const priority = (pattern: string): number => (pattern === '*' ? 0 : pattern.includes('*') ? 1 : 2);

function missing(resolver: ExpressionResolver, p: NamePattern, names: readonly string[]): void {
  if (p.pattern.includes('*')) resolver.problem(p.source, `No matches found for pattern [${p.pattern}]`);
  else resolver.problem(p.source, unknownColumnMessage(p.pattern, names));
}

/**
 * KEEP: columns in pattern order, wildcards expanding in input order. A column matched again by a
 * pattern of equal or higher priority moves to the later position (`KEEP last*name, emp_no, last*name`
 * gives `emp_no, last_name`); a weaker pattern leaves it where it is.
 */
export function planKeep(cmd: KeepCommand, builder: PlanBuilder, resolver: ExpressionResolver): void {
  const names = builder.layout.map((c) => c.name);
  const order: { channel: number; priority: number }[] = [];
  for (const p of cmd.patterns) {
    const matches = matchPattern(p.pattern, names);
    if (matches.length === 0) {
      missing(resolver, p, names);
      continue;
    }
    const prio = priority(p.pattern);
    for (const channel of matches) {
      const at = order.findIndex((o) => o.channel === channel);
      if (at >= 0) {
        if (order[at].priority > prio) continue;
        order.splice(at, 1);
      }
      order.push({ channel, priority: prio });
    }
  }
  builder.project(order.map((o) => o.channel));
}

export function planDrop(cmd: DropCommand, builder: PlanBuilder, resolver: ExpressionResolver): void {
  const names = builder.layout.map((c) => c.name);
  const dropped = new Set<number>();
  for (const p of cmd.patterns) {
    const matches = matchPattern(p.pattern, names);
    if (matches.length === 0) missing(resolver, p, names);
    for (const m of matches) dropped.add(m);
  }
  builder.project(names.map((_, i) => i).filter((i) => !dropped.has(i)));
}

/**
 * RENAME applies its pairs in sequence (`a AS b, b AS c` renames a to c). Renaming onto an existing
 * name replaces that column; the renamed column keeps its position.
 */
export function planRename(cmd: RenameCommand, builder: PlanBuilder, resolver: ExpressionResolver): void {
  let channels = builder.layout.map((_, i) => i);
  let names = builder.layout.map((c) => c.name);
  for (const r of cmd.renames) {
    const matches = matchPattern(r.from.pattern, names);
    if (matches.length === 0) {
      missing(resolver, r.from, names);
      continue;
    }
    if (matches.length > 1) {
      resolver.problem(r.from.source, `Pattern [${r.from.pattern}] in RENAME matches more than one column`);
      continue;
    }
    const at = matches[0];
    names = names.slice();
    names[at] = r.to;
    const clash = names.findIndex((n, i) => n === r.to && i !== at);
    if (clash >= 0) {
      names = names.filter((_, i) => i !== clash);
      channels = channels.filter((_, i) => i !== clash);
    }
  }
  builder.project(channels, names);
}
