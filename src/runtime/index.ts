/**
 * runtime/: queries as actors. `LocalQueryRuntime` implements the `QueryRuntime` the HTTP and
 * WebSocket adapters call (submit / get / stop / delete / watch / query / close).
 *
 * Each query is an actor of `machines/query.machine.ts` (submitted -> active{running, stopping} ->
 * done) whose slots are filled here: `executeQuery` (query-executor.ts) drives a prepared engine
 * query, `persistResult` writes the outcome to the ResultStore and `publishStatus` the status events,
 * in that order. Live actors sit in the ActorRegistry, bounded by the running limit (RunningSlots);
 * a finished query leaves it once persisted and is answered from the ResultStore until keep_alive.
 * Ids are ES async ids (async-id.ts). The outside is reached only through ports.ts; time through the
 * injected Clock (SystemClock, SimulatedClock in tests). In cluster mode (`ports.directory`),
 * RemoteQueries answers for queries owned by other nodes via the ControlChannel and StatusBus.
 */
export * from './async-id.js';
export * from './local-query-runtime.js';
export type * from './ports.js';
export type * from './query-runtime.js';
export * from './simulated-clock.js';
export * from './system-clock.js';
