import type { Redis } from 'ioredis';
import type { ControlChannel, ControlCommand } from '../runtime/ports.js';
import type { RedisKeys } from './keys.js';
import { decodeJson, encodeJson } from './redis-json.js';
import type { RedisSubscriber } from './redis-subscriber.js';

/**
 * Stop/cancel commands on one pub/sub channel per node. At-most-once like all pub/sub: a command sent
 * while the owner's subscriber is reconnecting is lost; the sender (RemoteQueries) waits on the
 * query's status and the owner's liveness, so it is released when the query ends or its node dies.
 */
export class RedisControlChannel implements ControlChannel {
  constructor(
    private readonly redis: Redis,
    private readonly subscriber: RedisSubscriber,
    private readonly keys: RedisKeys,
  ) {}

  async send(node: string, command: ControlCommand): Promise<void> {
    await this.redis.publish(this.keys.controlChannel(node), encodeJson({ type: command.type, id: command.id }));
  }

  listen(node: string, handler: (command: ControlCommand) => void): Promise<() => void> {
    return this.subscriber.subscribe(this.keys.controlChannel(node), (message) => {
      const command = decodeJson<ControlCommand>(message);
      if ((command.type === 'stop' || command.type === 'cancel') && typeof command.id === 'string') handler(command);
    });
  }
}
