import { describe, expect, it } from 'vitest';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { queryMachine, type QueryMachineEvent } from '../../machines/query.machine.js';
import { GRACE_MS, startQueryMachine } from './query-machine-harness.js';

/**
 * Every path the machine itself generates is replayed against a running actor with recording fakes,
 * and checked against invariants that do not restate the machine: a new transition shows up as new
 * paths and is covered without editing this file.
 */

const AFTER_GRACE = 'xstate.after.stopGrace.query.active.stopping';
const EXECUTION_ERROR = 'xstate.error.actor.execution';

type AnyEvent = { type: string; [key: string]: unknown };

const EVENTS: AnyEvent[] = [
  { type: 'slot.granted' },
  { type: 'query.stop' },
  { type: 'query.cancel', reason: 'test' },
  { type: 'execution.progress', progress: { rows_processed: 1 } },
  { type: 'execution.done', result: { values: [[1]] } },
  { type: 'execution.failed', error: 'failed' },
  { type: AFTER_GRACE },
  { type: EXECUTION_ERROR, error: 'thrown' },
];

const STATE_ORDER = ['submitted', 'running', 'stopping', 'done'];

function replay(events: readonly AnyEvent[]) {
  const m = startQueryMachine();
  for (const event of events) {
    if (event.type === 'xstate.init') continue;
    // Delays are replayed as time, so the real timer (and its cancellation) is exercised.
    if (event.type === AFTER_GRACE) m.clock.increment(GRACE_MS);
    else m.send(event as QueryMachineEvent);
  }
  return m;
}

/** The outcome implied by the events alone. */
function expectedOutcome(events: readonly AnyEvent[]): string {
  const last = events[events.length - 1].type;
  if (last === 'query.cancel') return 'cancelled';
  if (last === 'execution.failed' || last === EXECUTION_ERROR) return 'failed';
  if (last === 'query.stop') return 'stopped';
  if (last === 'execution.done') return events.some((e) => e.type === 'query.stop') ? 'stopped' : 'completed';
  throw new Error(`a path cannot end in done with ${last}`);
}

function checkPath(events: readonly AnyEvent[], expectedValue: unknown) {
  const m = replay(events);
  const snapshot = m.snapshot();
  expect(snapshot.value).toEqual(expectedValue);

  const granted = events.findIndex((e) => e.type === 'slot.granted');
  const started = granted >= 0;
  expect(m.log.filter((l) => l === 'execution.start').length).toBe(started ? 1 : 0);

  const stopsWhileActive = started ? events.slice(granted).filter((e) => e.type === 'query.stop').length : 0;
  expect(m.commands.filter((c) => c === 'execution.finish_early').length).toBe(stopsWhileActive > 0 ? 1 : 0);
  const graceElapsed = events.some((e) => e.type === AFTER_GRACE);
  const hardStops = m.commands.filter((c) => c === 'execution.hard_stop').length;
  expect(hardStops).toBe(stopsWhileActive >= 2 || (stopsWhileActive > 0 && graceElapsed) ? 1 : 0);

  // Published states never go backwards; the first is submitted.
  const states = m.published.map((p) => p.state);
  expect(states[0]).toBe('submitted');
  for (let i = 1; i < states.length; i++) {
    expect(STATE_ORDER.indexOf(states[i])).toBeGreaterThanOrEqual(STATE_ORDER.indexOf(states[i - 1]));
  }

  if (snapshot.status === 'done') {
    expect(snapshot.output).toBe(expectedOutcome(events));
    expect(m.log.filter((l) => l.startsWith('persist:'))).toEqual([`persist:${snapshot.output}`]);
    // Persist strictly before done is announced; done is announced once and last.
    const persistAt = m.log.indexOf(`persist:${snapshot.output}`);
    expect(m.log.indexOf('publish:done')).toBe(persistAt + 1);
    expect(states.filter((s) => s === 'done').length).toBe(1);
    expect(states[states.length - 1]).toBe('done');
    // A finished query never leaves its execution running.
    expect(m.log.includes('execution.cleanup')).toBe(started);
  } else {
    expect(m.log).not.toContain('execution.cleanup');
    expect(m.log.some((l) => l.startsWith('persist:'))).toBe(false);
  }
}

const simplePaths = getSimplePaths(queryMachine, { events: EVENTS as QueryMachineEvent[], input: { id: 'q' } });
const shortestPaths = getShortestPaths(queryMachine, { events: EVENTS as QueryMachineEvent[], input: { id: 'q' } });

const describePath = (events: readonly AnyEvent[]) =>
  events
    .map((e) => e.type)
    .filter((t) => t !== 'xstate.init')
    .join(' > ') || '(initial)';

describe('query machine: generated paths', () => {
  it('generates paths that reach every state and use every event', () => {
    const values = new Set(simplePaths.map((p) => JSON.stringify(p.state.value)));
    expect(values).toEqual(new Set(['"submitted"', '{"active":"running"}', '{"active":"stopping"}', '"done"']));
    const used = new Set(simplePaths.flatMap((p) => p.steps.map((s) => s.event.type)));
    for (const e of EVENTS) expect(used).toContain(e.type);
    const outcomes = new Set(simplePaths.filter((p) => p.state.status === 'done').map((p) => p.state.output));
    expect(outcomes).toEqual(new Set(['completed', 'stopped', 'failed', 'cancelled']));
  });

  for (const path of simplePaths) {
    const events = path.steps.map((s) => s.event as AnyEvent);
    it(`simple path: ${describePath(events)}`, () => checkPath(events, path.state.value));
  }

  for (const path of shortestPaths) {
    const events = path.steps.map((s) => s.event as AnyEvent);
    it(`shortest path: ${describePath(events)}`, () => checkPath(events, path.state.value));
  }
});
