import { describe, expect, it } from 'vitest';
import { Driver, sharedSliceMs } from '../../src/compute/driver.js';
import { LocalSourceOperator } from '../../src/compute/local-source-operator.js';
import { intPages, rowsOf, testContext } from './helpers.js';

/** A driver whose slice provider records the shared budget it would get, then runs one iteration per slice. */
function recordingDriver(seen: number[]): Driver {
  return new Driver(testContext(), new LocalSourceOperator(intPages(40, 20)), [], {
    sliceMs: () => {
      seen.push(sharedSliceMs());
      return 0;
    },
  });
}

describe('Driver shared slice budget', () => {
  it('asks a sliceMs provider at every slice', async () => {
    const seen: number[] = [];
    const driver = recordingDriver(seen);
    await driver.run();
    expect(seen.length).toBeGreaterThan(1);
    expect(rowsOf(driver.output).length).toBe(40);
  });

  it('a driver alone gets the whole budget; drivers running together split it', async () => {
    const alone: number[] = [];
    await recordingDriver(alone).run();
    expect(new Set(alone)).toEqual(new Set([sharedSliceMs()]));

    const a: number[] = [];
    const b: number[] = [];
    await Promise.all([recordingDriver(a).run(), recordingDriver(b).run()]);
    // While one runs a slice the other waits for its turn: each gets half of the budget.
    expect(Math.min(...a, ...b)).toBe(alone[0] / 2);
  });
});
