import type { SeededRandom } from './seeded-random.js';

/** A query of the soak, with the columns (and, when complete, the values) it must answer with. */
export interface QueryShape {
  readonly query: string;
  readonly slow: boolean;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  /** The complete result; a partial one (stopped) is only checked for its columns. */
  readonly values: readonly (readonly unknown[])[];
}

// `numbers` is n = 1..100, g = "g" + n % 3 (test/support/qactor-server.ts).
const withRemainder = (r: number) => Array.from({ length: 100 }, (_, i) => i + 1).filter((n) => n % 3 === r);

export const SHAPES: readonly QueryShape[] = [
  {
    query: 'FROM numbers | STATS c = COUNT(*), s = SUM(n) BY g | SORT g',
    slow: false,
    columns: [
      { name: 'c', type: 'long' },
      { name: 's', type: 'long' },
      { name: 'g', type: 'keyword' },
    ],
    values: [0, 1, 2].map((r) => [withRemainder(r).length, withRemainder(r).reduce((a, b) => a + b, 0), `g${r}`]),
  },
  {
    query: 'FROM numbers | WHERE n > 90 | SORT n DESC | LIMIT 3 | KEEP n, g',
    slow: false,
    columns: [
      { name: 'n', type: 'integer' },
      { name: 'g', type: 'keyword' },
    ],
    values: [
      [100, 'g1'],
      [99, 'g0'],
      [98, 'g2'],
    ],
  },
  {
    // 100 rows at 2 ms each: a few hundred ms of running, long enough to be stopped, deleted or cut off.
    query: 'FROM numbers | EVAL d = DELAY(2ms) | STATS c = COUNT(*)',
    slow: true,
    columns: [{ name: 'c', type: 'long' }],
    values: [[100]],
  },
  {
    query: 'FROM numbers | EVAL d = DELAY(2ms) | SORT n DESC | LIMIT 2 | KEEP n',
    slow: true,
    columns: [{ name: 'n', type: 'integer' }],
    values: [[100], [99]],
  },
];

/**
 * What the client does with a query after submitting it. `expire` submits with keep_alive 1s (the
 * minimum) and never touches it again; `disconnect` is an HTTP GET with wait cut mid-request, or (over
 * WebSocket) a connection terminated without a close frame while its queries run.
 */
export type Action = 'none' | 'stop' | 'delete' | 'expire' | 'get-wait' | 'disconnect';
export type Channel = 'http' | 'ws';

export interface SoakQuery {
  readonly index: number;
  readonly channel: Channel;
  readonly shape: QueryShape;
  readonly action: Action;
  /** How long after the submit answer the action happens. */
  readonly actionDelayMs: number;
  /** Only for WebSocket queries: the connection they are submitted on. */
  readonly connection: number;
  id?: string;
}

export const isGone = (q: SoakQuery): boolean => q.action === 'delete' || q.action === 'expire';

const HTTP_ACTIONS = { none: 3, stop: 2, delete: 2, expire: 1, 'get-wait': 2, disconnect: 1 } as const;
const WS_ACTIONS = { none: 4, stop: 2, delete: 2, expire: 1 } as const;

/** Builds the whole run up front from the seed; WebSocket queries on `disconnecting` connections get `disconnect`. */
export function planSoak(
  random: SeededRandom,
  count: number,
  options: { wsShare: number; wsConnections: number; disconnectingConnections: number },
): SoakQuery[] {
  const plan: SoakQuery[] = [];
  for (let index = 0; index < count; index++) {
    const shape = random.pick(SHAPES);
    const channel: Channel = random.next() < options.wsShare ? 'ws' : 'http';
    const connection = channel === 'ws' ? random.int(0, options.wsConnections - 1) : -1;
    const cut = channel === 'ws' && connection < options.disconnectingConnections;
    const action: Action = cut ? 'disconnect' : channel === 'ws' ? random.weighted(WS_ACTIONS) : random.weighted(HTTP_ACTIONS);
    plan.push({ index, channel, shape, action, actionDelayMs: random.int(0, 250), connection });
  }
  return plan;
}
