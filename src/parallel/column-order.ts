import type { NamePattern, ProcessingCommand } from '../esql/ast.js';
import { matchPattern } from '../esql/analyzer/projection-commands.js';

/**
 * The column order after a FROM and row-local commands, as far as it can be known without the
 * catalog. FROM lists an index's columns alphabetically, so a coordinator reading the workers' rows
 * back with `FROM partials` sees them alphabetically too, whatever order the workers produced. To
 * restore the order it must name the columns, which is possible when the order is either
 * - `tail`: the index's own columns (alphabetical, whatever they are) followed by known names that
 *   EVAL appended, or
 * - `explicit`: exactly these names, as after `KEEP a, b, c`.
 * `null`: unknown (a wildcard KEEP over index columns, a RENAME of an index column, DISSECT / GROK).
 */
export type ColumnOrder = { readonly kind: 'tail'; readonly names: readonly string[] } | { readonly kind: 'explicit'; readonly names: readonly string[] } | null;

export const FROM_ORDER: ColumnOrder = { kind: 'tail', names: [] };

export function orderAfter(order: ColumnOrder, cmd: ProcessingCommand): ColumnOrder {
  if (order === null) return cmd.kind === 'keep' ? keepLiteral(cmd.patterns) : null;
  switch (cmd.kind) {
    case 'where':
    case 'mv_expand':
      return order;
    case 'eval': {
      // Each EVAL name moves to the end; a re-assigned index column leaves the alphabetical part.
      let names = [...order.names];
      for (const f of cmd.fields) names = [...names.filter((n) => n !== f.name), f.name];
      return { kind: order.kind, names };
    }
    case 'drop': {
      const dropped = new Set<number>();
      for (const p of cmd.patterns) for (const i of matchPattern(p.pattern, order.names)) dropped.add(i);
      // Index columns may be dropped too: the rest of them stay alphabetical.
      return { kind: order.kind, names: order.names.filter((_, i) => !dropped.has(i)) };
    }
    case 'rename':
      return rename(order, cmd);
    case 'keep':
      return order.kind === 'explicit' ? keep(order.names, cmd.patterns) : keepLiteral(cmd.patterns);
    default:
      return null;
  }
}

function rename(order: NonNullable<ColumnOrder>, cmd: Extract<ProcessingCommand, { kind: 'rename' }>): ColumnOrder {
  let names = [...order.names];
  for (const r of cmd.renames) {
    const at = names.lastIndexOf(r.from.pattern);
    // Renaming an index column would move it out of alphabetical order: unknown.
    if (at < 0) return null;
    names[at] = r.to;
    names = names.filter((n, i) => n !== r.to || i === at);
  }
  return { kind: order.kind, names };
}

/** KEEP of plain names (no wildcard): exactly those, in that order. */
function keepLiteral(patterns: readonly NamePattern[]): ColumnOrder {
  if (patterns.some((p) => p.pattern.includes('*'))) return null;
  const names: string[] = [];
  for (const p of patterns) {
    const i = names.indexOf(p.pattern);
    if (i >= 0) names.splice(i, 1);
    names.push(p.pattern);
  }
  return { kind: 'explicit', names };
}

/** planKeep's rules over known names: pattern order, a stronger or equal match moves a column later. */
function keep(names: readonly string[], patterns: readonly NamePattern[]): ColumnOrder {
  const priority = (p: string) => (p === '*' ? 0 : p.includes('*') ? 1 : 2);
  const order: { channel: number; priority: number }[] = [];
  for (const p of patterns) {
    const prio = priority(p.pattern);
    for (const channel of matchPattern(p.pattern, names)) {
      const at = order.findIndex((o) => o.channel === channel);
      if (at >= 0) {
        if (order[at].priority > prio) continue;
        order.splice(at, 1);
      }
      order.push({ channel, priority: prio });
    }
  }
  return { kind: 'explicit', names: order.map((o) => names[o.channel]) };
}
