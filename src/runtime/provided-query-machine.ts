import type { Actor } from 'xstate';
import { queryMachine, type QueryMachine, type QueryMachineContext, type QueryMachineState } from '../../machines/query.machine.js';
import { createQueryExecutor, type ExecutorOptions } from './query-executor.js';

/** What the machine's slots do for one query (LiveQuery fills them). */
export interface QuerySlots {
  executorOptions(): ExecutorOptions;
  publish(state: QueryMachineState, context: QueryMachineContext): void;
  complete(context: QueryMachineContext): void;
}

const machinesByDeps = new WeakMap<object, QueryMachine>();
const slotsBySystem = new WeakMap<object, QuerySlots>();

function slotsOf(system: object): QuerySlots {
  const slots = slotsBySystem.get(system);
  if (slots === undefined) throw new Error('query actor without its LiveQuery');
  return slots;
}

/**
 * The query machine with the runtime's slots filled, built once per deps object: `provide()`
 * re-creates every state node, which per query cost more than the query (`ROW a = 1`) and tens of KB
 * of heap each. Each query's actor finds its own slots through its actor system (bindSlots).
 */
export function providedQueryMachine(deps: { readonly stopGraceMs: number }): QueryMachine {
  let machine = machinesByDeps.get(deps);
  if (machine === undefined) {
    machine = queryMachine.provide({
      actors: { executeQuery: createQueryExecutor((system) => slotsOf(system).executorOptions()) },
      actions: {
        publishStatus: ({ context, system }, params) => slotsOf(system).publish(params.state, context),
        persistResult: ({ context, system }) => slotsOf(system).complete(context),
      },
      delays: { stopGrace: deps.stopGraceMs },
    });
    machinesByDeps.set(deps, machine);
  }
  return machine;
}

/** Every root actor has its own system: the shared machine's slots find this query through it. */
export function bindSlots(actor: Actor<QueryMachine>, slots: QuerySlots): void {
  slotsBySystem.set(actor.system, slots);
}
