import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { queryMachine } from '../../machines/query.machine.js';
import { GRACE_MS, startQueryMachine } from './query-machine-harness.js';

const RESULT = { rows: [[1]] };

describe('query machine', () => {
  it('waits in submitted until a slot is granted, and starts no execution before', () => {
    const m = startQueryMachine();
    expect(m.snapshot().value).toBe('submitted');
    expect(m.log).toEqual(['publish:submitted']);
    m.send({ type: 'slot.granted' });
    expect(m.snapshot().value).toEqual({ active: 'running' });
    // Entry actions run before invoked actors start.
    expect(m.log).toEqual(['publish:submitted', 'publish:running', 'execution.start']);
  });

  it('completes: persists before publishing done, and the output is the outcome', () => {
    const m = startQueryMachine();
    m.send({ type: 'slot.granted' });
    m.send({ type: 'execution.done', result: RESULT });
    expect(m.snapshot().status).toBe('done');
    expect(m.snapshot().output).toBe('completed');
    expect(m.snapshot().context.result).toBe(RESULT);
    // The execution is stopped after the final state's entry actions: its result is already persisted.
    expect(m.log.slice(-3)).toEqual(['persist:completed', 'publish:done', 'execution.cleanup']);
  });

  it('stop moves to stopping without stopping the execution, and asks it to finish early', () => {
    const m = startQueryMachine();
    m.send({ type: 'slot.granted' });
    m.send({ type: 'query.stop' });
    expect(m.snapshot().value).toEqual({ active: 'stopping' });
    expect(m.commands).toEqual(['execution.finish_early']);
    expect(m.log).not.toContain('execution.cleanup');
    m.send({ type: 'execution.done', result: RESULT });
    expect(m.snapshot().output).toBe('stopped');
    expect(m.snapshot().context.result).toBe(RESULT);
  });

  it('hard-stops once the stop grace delay has passed, and only once', () => {
    const m = startQueryMachine();
    m.send({ type: 'slot.granted' });
    m.send({ type: 'query.stop' });
    m.clock.increment(GRACE_MS - 1);
    expect(m.commands).toEqual(['execution.finish_early']);
    m.clock.increment(1);
    expect(m.commands).toEqual(['execution.finish_early', 'execution.hard_stop']);
    expect(m.snapshot().context.hardStopped).toBe(true);
    m.send({ type: 'query.stop' });
    m.clock.increment(GRACE_MS * 3);
    expect(m.commands).toEqual(['execution.finish_early', 'execution.hard_stop']);
    expect(m.snapshot().value).toEqual({ active: 'stopping' });
  });

  it('a second stop hard-stops at once; the grace timer then does nothing', () => {
    const m = startQueryMachine();
    m.send({ type: 'slot.granted' });
    m.send({ type: 'query.stop' });
    m.send({ type: 'query.stop' });
    expect(m.commands).toEqual(['execution.finish_early', 'execution.hard_stop']);
    m.clock.increment(GRACE_MS);
    expect(m.commands).toEqual(['execution.finish_early', 'execution.hard_stop']);
  });

  it('the grace timer is cancelled when the execution drains in time', () => {
    const m = startQueryMachine();
    m.send({ type: 'slot.granted' });
    m.send({ type: 'query.stop' });
    m.send({ type: 'execution.done', result: RESULT });
    m.clock.increment(GRACE_MS * 2);
    expect(m.commands).toEqual(['execution.finish_early']);
  });

  it('cancel while running stops (aborts) the execution and ends cancelled', () => {
    const m = startQueryMachine();
    m.send({ type: 'slot.granted' });
    m.send({ type: 'query.cancel', reason: 'deleted' });
    expect(m.snapshot().output).toBe('cancelled');
    expect(m.snapshot().context.cancelReason).toBe('deleted');
    expect(m.log.slice(-3)).toEqual(['persist:cancelled', 'publish:done', 'execution.cleanup']);
  });

  it('cancel while stopping also aborts the execution', () => {
    const m = startQueryMachine();
    m.send({ type: 'slot.granted' });
    m.send({ type: 'query.stop' });
    m.send({ type: 'query.cancel' });
    expect(m.snapshot().output).toBe('cancelled');
    expect(m.log).toContain('execution.cleanup');
  });

  it('cancel or stop while queued ends without ever starting an execution', () => {
    const cancelled = startQueryMachine();
    cancelled.send({ type: 'query.cancel' });
    expect(cancelled.snapshot().output).toBe('cancelled');
    const stopped = startQueryMachine();
    stopped.send({ type: 'query.stop' });
    expect(stopped.snapshot().output).toBe('stopped');
    expect(stopped.snapshot().context.result).toBeUndefined();
    for (const m of [cancelled, stopped]) {
      expect(m.log).not.toContain('execution.start');
      m.send({ type: 'slot.granted' });
      expect(m.log).not.toContain('execution.start');
    }
  });

  it('execution.failed ends failed with the error', () => {
    const m = startQueryMachine();
    m.send({ type: 'slot.granted' });
    const error = new Error('boom');
    m.send({ type: 'execution.failed', error });
    expect(m.snapshot().output).toBe('failed');
    expect(m.snapshot().context.error).toBe(error);
    expect(m.log.slice(-3)).toEqual(['persist:failed', 'publish:done', 'execution.cleanup']);
  });

  it('an executor that throws while starting fails the query', () => {
    const m = startQueryMachine({ executorThrows: true });
    m.send({ type: 'slot.granted' });
    expect(m.snapshot().output).toBe('failed');
    expect((m.snapshot().context.error as Error).message).toBe('engine refused to start');
  });

  it('without a provided executor the query fails instead of hanging', () => {
    const actor = createActor(queryMachine, { input: { id: 'q' } }).start();
    actor.send({ type: 'slot.granted' });
    expect(actor.getSnapshot().output).toBe('failed');
  });

  it('publishes progress with the state it happens in', () => {
    const m = startQueryMachine();
    m.send({ type: 'slot.granted' });
    m.send({ type: 'execution.progress', progress: { rows: 10 } });
    m.send({ type: 'query.stop' });
    m.send({ type: 'execution.progress', progress: { rows: 20 } });
    expect(m.published).toEqual([
      { state: 'submitted', progress: undefined },
      { state: 'running', progress: undefined },
      { state: 'running', progress: { rows: 10 } },
      { state: 'stopping', progress: { rows: 10 } },
      { state: 'stopping', progress: { rows: 20 } },
    ]);
  });

  it('ignores every event once done', () => {
    const m = startQueryMachine();
    m.send({ type: 'slot.granted' });
    m.send({ type: 'execution.done', result: RESULT });
    const logLength = m.log.length;
    m.send({ type: 'query.cancel' });
    m.send({ type: 'query.stop' });
    m.send({ type: 'execution.failed', error: new Error('late') });
    expect(m.snapshot().output).toBe('completed');
    expect(m.log.length).toBe(logLength);
  });
});
