import { MemoryControlChannel } from '../../src/memory/memory-control-channel.js';
import { MemoryNodeRegistry } from '../../src/memory/memory-node-registry.js';
import { MemoryResultStore } from '../../src/memory/memory-result-store.js';
import { MemoryRunningQueryDirectory } from '../../src/memory/memory-running-query-directory.js';
import { MemoryStatusBus } from '../../src/memory/memory-status-bus.js';
import { SimulatedClock } from '../../src/runtime/simulated-clock.js';
import { portsContract } from '../runtime/ports-contract.js';

portsContract('memory adapters', () => {
  const clock = new SimulatedClock();
  return Promise.resolve({
    results: new MemoryResultStore(clock),
    status: new MemoryStatusBus(),
    control: new MemoryControlChannel(),
    nodes: new MemoryNodeRegistry(clock),
    directory: new MemoryRunningQueryDirectory(),
    now: () => clock.now(),
    advance: (ms) => Promise.resolve(clock.advance(ms)),
    close: () => Promise.resolve(),
  });
});
