import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
// The flag only takes effect for contexts created after it: a fresh context hands out `gc`.
const gc = runInNewContext('gc') as () => void;

/**
 * heapUsed after full collections. Several rounds with turns of the event loop in between, so
 * objects released by pending callbacks, closed sockets and weak refs are gone before reading.
 */
export async function settledHeapUsed(rounds = 6): Promise<number> {
  for (let i = 0; i < rounds; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  gc();
  return process.memoryUsage().heapUsed;
}
