import { describe, expect, it } from 'vitest';
import { addCalendar } from '../../../src/esql/expressions/calendar-math.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('addCalendar', () => {
  it('adds months clamping to the end of the target month', () => {
    expect(iso(addCalendar(at('2024-01-31T10:00:00Z'), 1, 0, 0))).toBe('2024-02-29T10:00:00.000Z');
    expect(iso(addCalendar(at('2023-01-31T00:00:00Z'), 1, 0, 0))).toBe('2023-02-28T00:00:00.000Z');
    expect(iso(addCalendar(at('2023-03-31T00:00:00Z'), -1, 0, 0))).toBe('2023-02-28T00:00:00.000Z');
  });

  it('adds years, days and milliseconds, also before 1970', () => {
    expect(iso(addCalendar(at('1960-02-29T12:30:00Z'), 12, 0, 0))).toBe('1961-02-28T12:30:00.000Z');
    expect(iso(addCalendar(at('1999-12-31T23:00:00Z'), 0, 1, 3_600_000))).toBe('2000-01-02T00:00:00.000Z');
    expect(iso(addCalendar(at('1950-01-15T00:00:00Z'), 25, 0, 0))).toBe('1952-02-15T00:00:00.000Z');
  });
});
