import type { AnyStateMachine, AnyStateNode } from 'xstate';

/**
 * A drawable view of an XState machine, read from the machine's own state nodes (never written by
 * hand), so the console's diagram and `qactor machine --mermaid` change when the machine does.
 * Internal transitions (no target) are kept: the diagram lists them inside their state.
 */

export interface MachineGraphState {
  /** XState node id, e.g. `query.active.running`. */
  readonly id: string;
  /** The state's own name; the status events' `state` is the key of an atomic or final state. */
  readonly key: string;
  readonly type: string;
  readonly parent: string | null;
  /** Id of the child entered first (compound states). */
  readonly initial: string | null;
  readonly children: readonly string[];
  /** Named entry actions (`publishStatus`, `finishEarly`, ...). */
  readonly entry: readonly string[];
  /** Invoked actors as `id: src`. */
  readonly invoke: readonly string[];
}

export interface MachineGraphTransition {
  readonly source: string;
  /** Null for an internal transition (no state change). */
  readonly target: string | null;
  readonly event: string;
  /** Short, human text for the event (`after stopGrace` for a delayed transition). */
  readonly label: string;
  readonly guard: string | null;
}

export interface MachineGraph {
  readonly id: string;
  readonly root: string;
  readonly states: readonly MachineGraphState[];
  readonly transitions: readonly MachineGraphTransition[];
}

export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const states: MachineGraphState[] = [];
  const transitions: MachineGraphTransition[] = [];
  const visit = (node: AnyStateNode, parent: string | null): void => {
    const children = Object.values(node.states as Record<string, AnyStateNode>);
    const initialTarget = children.length > 0 ? node.initial?.target?.[0] : undefined;
    states.push({
      id: node.id,
      key: node.key,
      type: node.type,
      parent,
      initial: initialTarget === undefined ? null : (initialTarget as AnyStateNode).id,
      children: children.map((c) => c.id),
      entry: actionNames(node.entry),
      invoke: (node.invoke as readonly { id: string; src: unknown }[]).map((i) => `${i.id}: ${nameOf(i.src)}`),
    });
    for (const [event, list] of node.transitions) {
      for (const t of list) {
        const targets = (t.target ?? []) as readonly AnyStateNode[];
        const guard = t.guard === undefined ? null : nameOf(t.guard);
        if (targets.length === 0) transitions.push({ source: node.id, target: null, event, label: eventLabel(event), guard });
        for (const target of targets) {
          transitions.push({ source: node.id, target: target.id, event, label: eventLabel(event), guard });
        }
      }
    }
    for (const child of children) visit(child, node.id);
  };
  visit(machine.root, null);
  return { id: machine.id, root: machine.root.id, states, transitions };
}

/** `xstate.after.stopGrace.query.active.stopping` -> `after stopGrace`; `xstate.error.actor.x` -> `error (x)`. */
export function eventLabel(event: string): string {
  const after = /^xstate\.after\.([^.]+)\./.exec(event);
  if (after !== null) return `after ${after[1]}`;
  const actor = /^xstate\.(error|done)\.actor\.(.+)$/.exec(event);
  if (actor !== null) return `${actor[1]} (${actor[2]})`;
  return event;
}

function actionNames(actions: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const a of actions) {
    const name = nameOf(a);
    // xstate's own bookkeeping (delayed-event raise/cancel) is not part of the design.
    if (name !== '' && !name.startsWith('xstate.')) out.push(name);
  }
  return out;
}

function nameOf(x: unknown): string {
  if (typeof x === 'string') return x;
  // XState's built-in actions (raise, cancel, assign) are functions carrying their `type`.
  if ((typeof x === 'object' || typeof x === 'function') && x !== null && 'type' in x && typeof x.type === 'string') return x.type;
  if (typeof x === 'function') return x.name;
  return '';
}
