import type { MachineGraph, MachineGraphState } from './machine-graph.js';

/**
 * The machine graph as a Mermaid `stateDiagram-v2`. State ids are the XState ids with dots replaced
 * (Mermaid ids cannot contain dots); the display name is the state's key. Nested states are drawn
 * inside their parent; transitions are listed after the structure so they may cross levels.
 */
export function toMermaid(graph: MachineGraph): string {
  const byId = new Map(graph.states.map((s) => [s.id, s]));
  const lines = ['stateDiagram-v2'];
  const declare = (state: MachineGraphState, indent: string): void => {
    const mid = mermaidId(state.id);
    if (state.children.length === 0) {
      lines.push(`${indent}state "${state.key}" as ${mid}`);
      return;
    }
    lines.push(`${indent}state "${state.key}" as ${mid} {`);
    if (state.initial !== null) lines.push(`${indent}  [*] --> ${mermaidId(state.initial)}`);
    for (const child of state.children) declare(byId.get(child)!, `${indent}  `);
    lines.push(`${indent}}`);
  };
  const root = byId.get(graph.root)!;
  if (root.initial !== null) lines.push(`  [*] --> ${mermaidId(root.initial)}`);
  for (const child of root.children) declare(byId.get(child)!, '  ');
  for (const t of graph.transitions) {
    const guard = t.guard === null ? '' : ` [${t.guard}]`;
    const target = t.target ?? t.source;
    lines.push(`  ${mermaidId(t.source)} --> ${mermaidId(target)} : ${t.label}${guard}`);
  }
  for (const s of graph.states) if (s.type === 'final') lines.push(`  ${mermaidId(s.id)} --> [*]`);
  return lines.join('\n') + '\n';
}

const mermaidId = (id: string): string => id.replace(/[^A-Za-z0-9_]/g, '_');
