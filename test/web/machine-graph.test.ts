import { setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { queryMachine } from '../../machines/query.machine.js';
import { eventLabel, machineGraph } from '../../src/web/machine-graph.js';
import { toMermaid } from '../../src/web/mermaid-diagram.js';

describe('machineGraph', () => {
  const graph = machineGraph(queryMachine);
  const edges = (source: string) =>
    graph.transitions.filter((t) => t.source === source).map((t) => `${t.label}->${t.target ?? '(internal)'}`);

  it('lists every state of the query machine with its nesting', () => {
    expect(graph.states.map((s) => [s.id, s.type, s.parent])).toEqual([
      ['query', 'compound', null],
      ['query.submitted', 'atomic', 'query'],
      ['query.active', 'compound', 'query'],
      ['query.active.running', 'atomic', 'query.active'],
      ['query.active.stopping', 'atomic', 'query.active'],
      ['query.done', 'final', 'query'],
    ]);
    const active = graph.states.find((s) => s.id === 'query.active')!;
    expect(active.initial).toBe('query.active.running');
    expect(active.invoke).toEqual(['execution: executeQuery']);
    expect(graph.states.find((s) => s.id === 'query.active.stopping')!.entry).toEqual(['publishStatus', 'finishEarly']);
  });

  it('lists every transition with its event, guard and target', () => {
    expect(edges('query.submitted')).toEqual(['slot.granted->query.active', 'query.stop->query.done', 'query.cancel->query.done']);
    expect(edges('query.active')).toEqual([
      'query.cancel->query.done',
      'execution.failed->query.done',
      'error (execution)->query.done',
    ]);
    expect(edges('query.active.running')).toEqual([
      'query.stop->query.active.stopping',
      'execution.done->query.done',
      'execution.progress->(internal)',
    ]);
    const grace = graph.transitions.find((t) => t.label === 'after stopGrace')!;
    expect(grace).toMatchObject({ source: 'query.active.stopping', target: null, guard: 'notHardStopped' });
  });

  it('follows the machine it is given, not a fixed picture', () => {
    const other = setup({}).createMachine({
      id: 'door',
      initial: 'closed',
      states: { closed: { on: { open: 'opened' } }, opened: { on: { close: 'closed' } } },
    });
    const g = machineGraph(other);
    expect(g.states.map((s) => s.key)).toEqual(['door', 'closed', 'opened']);
    expect(g.transitions.map((t) => `${t.source} ${t.event} ${t.target}`)).toEqual([
      'door.closed open door.opened',
      'door.opened close door.closed',
    ]);
  });

  it('names xstate events for people', () => {
    expect(eventLabel('xstate.after.stopGrace.query.active.stopping')).toBe('after stopGrace');
    expect(eventLabel('xstate.done.actor.fetch')).toBe('done (fetch)');
    expect(eventLabel('query.stop')).toBe('query.stop');
  });
});

describe('toMermaid', () => {
  it('draws nested states inside their parent and every transition', () => {
    const text = toMermaid(machineGraph(queryMachine));
    expect(text.startsWith('stateDiagram-v2\n  [*] --> query_submitted\n')).toBe(true);
    expect(text).toContain(
      '  state "active" as query_active {\n    [*] --> query_active_running\n' +
        '    state "running" as query_active_running\n    state "stopping" as query_active_stopping\n  }\n',
    );
    expect(text).toContain('  query_active_running --> query_active_stopping : query.stop\n');
    expect(text).toContain('  query_active_stopping --> query_active_stopping : after stopGrace [notHardStopped]\n');
    expect(text).toContain('  query_active --> query_done : query.cancel\n');
    expect(text.endsWith('  query_done --> [*]\n')).toBe(true);
  });
});
