/**
 * memory/: the in-process adapters of runtime/ports.ts, the embedded single-node default and what
 * unit tests run on. They honour the same contract as the Redis adapters (test/runtime/ports-contract.ts):
 * expiry judged against the injected Clock, status delivered in publish order with a latest-event
 * mirror, control commands delivered asynchronously.
 */
export * from './memory-control-channel.js';
export * from './memory-node-registry.js';
export * from './memory-result-store.js';
export * from './memory-running-query-directory.js';
export * from './memory-status-bus.js';
