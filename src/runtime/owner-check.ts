/**
 * Who is asking for a query: a principal's owner key, nobody (security off: queries have no owner),
 * or ANY_OWNER, a holder of ES's `cancel_task` privilege deleting someone else's query. A query
 * whose owner does not match is answered exactly as an unknown id (404), so ids leak nothing.
 */
export const ANY_OWNER: unique symbol = Symbol('any owner');

export type Asker = string | undefined | typeof ANY_OWNER;

export function ownerMatches(stored: string | undefined, asking: Asker): boolean {
  return asking === ANY_OWNER || stored === undefined || stored === asking;
}
