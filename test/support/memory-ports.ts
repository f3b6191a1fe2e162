import { MemoryControlChannel } from '../../src/memory/memory-control-channel.js';
import { MemoryNodeRegistry } from '../../src/memory/memory-node-registry.js';
import { MemoryResultStore } from '../../src/memory/memory-result-store.js';
import { MemoryRunningQueryDirectory } from '../../src/memory/memory-running-query-directory.js';
import { MemoryStatusBus } from '../../src/memory/memory-status-bus.js';
import type { Clock } from '../../src/runtime/ports.js';

/** The ports of one node over the in-process adapters (the embedded default). */
export function memoryPorts<C extends Clock>(clock: C) {
  return {
    results: new MemoryResultStore(clock),
    status: new MemoryStatusBus(),
    control: new MemoryControlChannel(),
    nodes: new MemoryNodeRegistry(clock),
    clock,
  };
}

/** Ports with a running-query directory: runtimes given the same ones form a cluster, as processes sharing one Redis. */
export function memoryClusterPorts<C extends Clock>(clock: C) {
  return { ...memoryPorts(clock), directory: new MemoryRunningQueryDirectory() };
}
