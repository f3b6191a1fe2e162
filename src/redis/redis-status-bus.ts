import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { StatusBus } from '../runtime/ports.js';
import type { StatusEvent } from '../runtime/query-runtime.js';
import type { RedisKeys } from './keys.js';
import { LuaScript } from './lua-script.js';
import { decodeJson, encodeJson } from './redis-json.js';
import type { RedisSubscriber } from './redis-subscriber.js';

/** Mirror the event if its seq is newer (the mirror only moves forward), then publish it. */
const PUBLISH_SCRIPT = new LuaScript(`
local seq = redis.call('HGET', KEYS[1], 'seq')
if (not seq) or tonumber(ARGV[1]) > tonumber(seq) then
  redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'event', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return redis.call('PUBLISH', KEYS[2], ARGV[2])
`);

/**
 * Status events on a per-query channel, the latest one mirrored in a per-query hash `{seq, event}`
 * with a TTL. Pub/sub is at-most-once, so each subscription drops events older than the last it
 * delivered and, after the subscriber connection reconnects, re-reads the mirror: a `done` published
 * while the connection was down still arrives.
 *
 * On the wire an event carries one more field, `published_at_ms` (the publisher's wall clock), removed
 * before the event leaves this class: at delivery it gives the bus lag reported to `onDeliveryLag`
 * (`qactor_status_bus_lag_seconds`). Across hosts it includes their clock skew; a negative lag counts as 0.
 */
export class RedisStatusBus implements StatusBus {
  constructor(
    private readonly redis: Redis,
    private readonly subscriber: RedisSubscriber,
    private readonly keys: RedisKeys,
    /** How long the mirror of a query outlives its last event. */
    private readonly mirrorTtlMs = 24 * 60 * 60 * 1000,
    private readonly onDeliveryLag: (seconds: number) => void = () => undefined,
  ) {}

  async publish(event: StatusEvent): Promise<void> {
    await PUBLISH_SCRIPT.run(
      this.redis,
      [this.keys.statusMirror(event.id), this.keys.statusChannel(event.id)],
      [event.seq, encodeJson({ ...event, published_at_ms: wallClockMs() } satisfies WireStatusEvent), this.mirrorTtlMs],
    );
  }

  async latest(id: string): Promise<StatusEvent | undefined> {
    const event = await this.redis.hget(this.keys.statusMirror(id), 'event');
    return event === null ? undefined : unwrap(event).event;
  }

  async subscribe(id: string, listener: (event: StatusEvent) => void): Promise<() => void> {
    let lastSeq = Number.NEGATIVE_INFINITY;
    let active = true;
    const deliver = (message: string) => {
      const { event, publishedAtMs } = unwrap(message);
      if (!active || event.seq <= lastSeq) return;
      lastSeq = event.seq;
      // A mirror re-read after a reconnect counts too: that event really was that late.
      if (publishedAtMs !== undefined) this.onDeliveryLag(Math.max(0, wallClockMs() - publishedAtMs) / 1000);
      listener(event);
    };
    const unsubscribe = await this.subscriber.subscribe(this.keys.statusChannel(id), deliver);
    const unhook = this.subscriber.onResubscribed(() => {
      this.redis.hget(this.keys.statusMirror(id), 'event').then(
        (message) => message !== null && deliver(message),
        () => undefined,
      );
    });
    return () => {
      active = false;
      unhook();
      unsubscribe();
    };
  }
}

/** A status event as published and mirrored. Events written before the field existed lack it. */
interface WireStatusEvent extends StatusEvent {
  readonly published_at_ms?: number;
}

function unwrap(message: string): { event: StatusEvent; publishedAtMs: number | undefined } {
  const { published_at_ms: publishedAtMs, ...event } = decodeJson<WireStatusEvent>(message);
  return { event, publishedAtMs };
}

/** Wall clock with sub-millisecond precision: the publisher and the subscriber are different processes. */
function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}
