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
 */
export class RedisStatusBus implements StatusBus {
  constructor(
    private readonly redis: Redis,
    private readonly subscriber: RedisSubscriber,
    private readonly keys: RedisKeys,
    /** How long the mirror of a query outlives its last event. */
    private readonly mirrorTtlMs = 24 * 60 * 60 * 1000,
  ) {}

  async publish(event: StatusEvent): Promise<void> {
    await PUBLISH_SCRIPT.run(
      this.redis,
      [this.keys.statusMirror(event.id), this.keys.statusChannel(event.id)],
      [event.seq, encodeJson(event), this.mirrorTtlMs],
    );
  }

  async latest(id: string): Promise<StatusEvent | undefined> {
    const event = await this.redis.hget(this.keys.statusMirror(id), 'event');
    return event === null ? undefined : decodeJson<StatusEvent>(event);
  }

  async subscribe(id: string, listener: (event: StatusEvent) => void): Promise<() => void> {
    let lastSeq = Number.NEGATIVE_INFINITY;
    let active = true;
    const deliver = (event: StatusEvent) => {
      if (!active || event.seq <= lastSeq) return;
      lastSeq = event.seq;
      listener(event);
    };
    const unsubscribe = await this.subscriber.subscribe(this.keys.statusChannel(id), (message) =>
      deliver(decodeJson<StatusEvent>(message)),
    );
    const unhook = this.subscriber.onResubscribed(() => {
      this.latest(id).then(
        (event) => event !== undefined && deliver(event),
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
