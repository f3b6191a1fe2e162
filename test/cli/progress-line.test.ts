import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/cli/progress-line.js';

describe('progressLine', () => {
  it('draws rows processed over rows total as a bar with percent, elapsed and state', () => {
    const line = progressLine({ rowsProcessed: 250, rowsTotal: 1000, elapsedMs: 1234, state: 'running', columns: 80 });
    expect(line).toBe(`[${'#'.repeat(10)}${'.'.repeat(30)}]  25%  250/1,000 rows  1.2s  running`);
  });

  it('shows only the count when the total is unknown', () => {
    expect(progressLine({ rowsProcessed: 5, rowsTotal: null, elapsedMs: 50, state: 'stopping', columns: 80 })).toBe(
      '5 rows  0.1s  stopping',
    );
  });

  it('never reaches the last column, so the line can be redrawn in place', () => {
    const line = progressLine({ rowsProcessed: 1, rowsTotal: 3, elapsedMs: 0, state: 'running', columns: 30 });
    expect(line.length).toBe(29);
  });
});
