import { clockSleep } from '../../src/runtime/clock-sleep.js';
import { SystemClock } from '../../src/runtime/system-clock.js';

/** DELAY's wait on real time, for tests that run the engine without a runtime (ExecuteOptions.sleep). */
export const systemSleep = clockSleep(new SystemClock());
