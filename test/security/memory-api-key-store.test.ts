import { MemoryApiKeyStore } from '../../src/security/memory-api-key-store.js';
import { SimulatedClock } from '../../src/runtime/simulated-clock.js';
import { apiKeyStoreContract } from './api-key-store-contract.js';

apiKeyStoreContract('memory', () => {
  const clock = new SimulatedClock();
  return Promise.resolve({
    store: new MemoryApiKeyStore(() => clock.now()),
    now: () => clock.now(),
    advance: (ms) => clock.advance(ms),
    close: () => Promise.resolve(),
  });
});
