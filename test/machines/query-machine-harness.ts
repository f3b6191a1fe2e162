import { createActor, fromCallback, SimulatedClock } from 'xstate';
import { queryMachine, type QueryMachineEvent } from '../../machines/query.machine.js';

export const GRACE_MS = 1_000;

/**
 * The query machine with recording fakes in every slot and xstate's SimulatedClock: `log` holds
 * slot calls in order (`execution.start`, `execution.cleanup`, `publish:<state>`, `persist:<outcome>`),
 * `commands` the events the execution actor received.
 */
export function startQueryMachine(options: { executorThrows?: boolean } = {}) {
  const clock = new SimulatedClock();
  const log: string[] = [];
  const commands: string[] = [];
  const published: { state: string; progress: unknown }[] = [];
  const machine = queryMachine.provide({
    actors: {
      executeQuery: fromCallback(({ receive }) => {
        log.push('execution.start');
        if (options.executorThrows) throw new Error('engine refused to start');
        receive((command) => commands.push(command.type));
        return () => log.push('execution.cleanup');
      }),
    },
    actions: {
      publishStatus: ({ context }, params) => {
        log.push(`publish:${params.state}`);
        published.push({ state: params.state, progress: context.progress });
      },
      persistResult: ({ context }) => log.push(`persist:${context.outcome}`),
    },
    delays: { stopGrace: GRACE_MS },
  });
  const actor = createActor(machine, { input: { id: 'q1' }, clock }).start();
  return {
    actor,
    clock,
    log,
    commands,
    published,
    send: (event: QueryMachineEvent) => actor.send(event),
    snapshot: () => actor.getSnapshot(),
  };
}
