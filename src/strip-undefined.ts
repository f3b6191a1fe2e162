/**
 * `o` without its undefined-valued keys, so that spreading it over defaults (`{ ...DEFAULTS,
 * ...stripUndefined(options) }`) lets an option left undefined keep its default instead of erasing it.
 */
export function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
