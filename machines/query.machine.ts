import { assign, fromCallback, sendTo, setup } from 'xstate';

/**
 * The lifecycle of one query:
 *
 *   submitted ──slot.granted──> active.running ──query.stop──> active.stopping ──execution.done──> done(stopped)
 *       │                             │ execution.done / execution.failed ─────────────────────> done(completed|failed)
 *       ├── query.stop ──> done(stopped)   (never started: the runtime stores the empty schema-only result)
 *       └── query.cancel ─────────────┴── query.cancel (DELETE, keep_alive expiry) ────────────> done(cancelled)
 *
 * The execution actor is invoked on `active`, not on `running`: XState stops an invoked actor when its
 * state is exited, so moving to `stopping` must not leave the invoking state. Only cancel (and the
 * natural end) leaves `active`, and stopping the actor is what aborts the engine.
 *
 * Every side effect is a named slot the runtime fills with `.provide()`:
 * - actor `executeQuery`: a callback actor. It receives `execution.finish_early` (stop: let the
 *   pipeline drain over the rows seen) and `execution.hard_stop` (the grace delay ran out or a second
 *   stop arrived: answer now with what is buffered); it sends back `execution.progress`,
 *   `execution.done` and `execution.failed`. Its cleanup aborts the engine.
 * - action `publishStatus` (params `{ state }`), action `persistResult` (runs before the `done`
 *   status is published, so a reader that sees `done` finds the stored result).
 * - delay `stopGrace`.
 */

export type QueryMachineState = 'submitted' | 'running' | 'stopping' | 'done';
export type QueryMachineOutcome = 'completed' | 'stopped' | 'failed' | 'cancelled';

export interface QueryMachineInput {
  readonly id: string;
}

export interface QueryMachineContext {
  readonly id: string;
  readonly outcome: QueryMachineOutcome | undefined;
  /** The engine result (opaque to the machine). */
  readonly result: unknown;
  readonly error: unknown;
  /** Latest progress reported by the execution (opaque to the machine). */
  readonly progress: unknown;
  /** A hard stop has been sent to the execution; later stops have nothing more to ask. */
  readonly hardStopped: boolean;
  /** Why the query was cancelled (`query.cancel` reason), for logs and status. */
  readonly cancelReason: string | undefined;
}

export type QueryMachineEvent =
  | { readonly type: 'slot.granted' }
  | { readonly type: 'query.stop' }
  | { readonly type: 'query.cancel'; readonly reason?: string }
  | { readonly type: 'execution.progress'; readonly progress: unknown }
  | { readonly type: 'execution.done'; readonly result: unknown }
  | { readonly type: 'execution.failed'; readonly error: unknown };

/** Events the execution actor receives from the machine. */
export type ExecutionCommand = { readonly type: 'execution.finish_early' } | { readonly type: 'execution.hard_stop' };

/** Events the execution actor sends back. */
export type ExecutionReport = Extract<
  QueryMachineEvent,
  { type: 'execution.progress' | 'execution.done' | 'execution.failed' }
>;

export interface ExecutionInput {
  readonly id: string;
}

export interface PublishStatusParams {
  readonly state: QueryMachineState;
}

/** Default stop grace; the runtime provides its configured value. */
export const DEFAULT_STOP_GRACE_MS = 5_000;

export const queryMachine = setup({
  types: {
    context: {} as QueryMachineContext,
    events: {} as QueryMachineEvent,
    input: {} as QueryMachineInput,
    output: {} as QueryMachineOutcome,
  },
  actors: {
    // A machine without a provided executor must not look like a query that never ends.
    executeQuery: fromCallback<ExecutionCommand, ExecutionInput>(() => {
      throw new Error('query.machine: actor "executeQuery" was not provided');
    }),
  },
  actions: {
    publishStatus: (_args, _params: PublishStatusParams) => {},
    persistResult: () => {},
    finishEarly: sendTo('execution', { type: 'execution.finish_early' } satisfies ExecutionCommand),
    hardStop: sendTo('execution', { type: 'execution.hard_stop' } satisfies ExecutionCommand),
    markHardStopped: assign({ hardStopped: true }),
    recordProgress: assign({
      progress: ({ event }) => (event.type === 'execution.progress' ? event.progress : undefined),
    }),
    recordCancel: assign({
      outcome: 'cancelled' as const,
      cancelReason: ({ event }) => (event.type === 'query.cancel' ? event.reason : undefined),
    }),
    recordFailure: assign({
      outcome: 'failed' as const,
      error: ({ event }) => ('error' in event ? event.error : undefined),
    }),
  },
  guards: {
    notHardStopped: ({ context }) => !context.hardStopped,
  },
  delays: {
    stopGrace: DEFAULT_STOP_GRACE_MS,
  },
}).createMachine({
  id: 'query',
  initial: 'submitted',
  context: ({ input }) => ({
    id: input.id,
    outcome: undefined,
    result: undefined,
    error: undefined,
    progress: undefined,
    hardStopped: false,
    cancelReason: undefined,
  }),
  output: ({ context }) => context.outcome ?? 'failed',
  states: {
    submitted: {
      entry: { type: 'publishStatus', params: { state: 'submitted' } },
      on: {
        'slot.granted': { target: 'active' },
        'query.stop': { target: 'done', actions: assign({ outcome: 'stopped' as const }) },
        'query.cancel': { target: 'done', actions: 'recordCancel' },
      },
    },
    active: {
      invoke: {
        id: 'execution',
        src: 'executeQuery',
        input: ({ context }) => ({ id: context.id }),
        // The executor threw while starting (or later, outside its promise): a failed query.
        onError: { target: 'done', actions: 'recordFailure' },
      },
      on: {
        'query.cancel': { target: 'done', actions: 'recordCancel' },
        'execution.failed': { target: 'done', actions: 'recordFailure' },
      },
      initial: 'running',
      states: {
        running: {
          entry: { type: 'publishStatus', params: { state: 'running' } },
          on: {
            'query.stop': { target: 'stopping' },
            'execution.done': {
              target: '#query.done',
              actions: assign({ outcome: 'completed' as const, result: ({ event }) => event.result }),
            },
            'execution.progress': {
              actions: ['recordProgress', { type: 'publishStatus', params: { state: 'running' } }],
            },
          },
        },
        stopping: {
          entry: [{ type: 'publishStatus', params: { state: 'stopping' } }, 'finishEarly'],
          after: {
            stopGrace: { guard: 'notHardStopped', actions: ['markHardStopped', 'hardStop'] },
          },
          on: {
            'query.stop': { guard: 'notHardStopped', actions: ['markHardStopped', 'hardStop'] },
            'execution.done': {
              target: '#query.done',
              actions: assign({ outcome: 'stopped' as const, result: ({ event }) => event.result }),
            },
            'execution.progress': {
              actions: ['recordProgress', { type: 'publishStatus', params: { state: 'stopping' } }],
            },
          },
        },
      },
    },
    done: {
      type: 'final',
      // Order matters: persist first, then announce `done`.
      entry: ['persistResult', { type: 'publishStatus', params: { state: 'done' } }],
    },
  },
});

export type QueryMachine = typeof queryMachine;
