import type { Redis } from 'ioredis';

type MessageHandler = (message: string) => void;

/**
 * The one subscriber connection of a node (a connection in subscribe mode can run no other command,
 * so it is a `duplicate()` of the command connection), multiplexing many channels and handlers.
 * Pub/sub is at-most-once: messages published while the connection is down are lost. After a
 * reconnect it subscribes every channel again and only then calls the `onResubscribed` hooks, so a
 * hook that re-reads state (the status mirror) cannot miss what is published after it reads.
 */
export class RedisSubscriber {
  private readonly handlers = new Map<string, Set<MessageHandler>>();
  /** SUBSCRIBE in flight per channel: a second subscriber waits for the same confirmation. */
  private readonly pending = new Map<string, Promise<unknown>>();
  private readonly resubscribedHooks = new Set<() => void>();
  private wasReady = false;

  constructor(private readonly connection: Redis) {
    connection.on('message', (channel: string, message: string) => this.dispatch(channel, message));
    connection.on('ready', () => {
      if (this.wasReady) void this.resubscribe();
      this.wasReady = true;
    });
  }

  async subscribe(channel: string, handler: MessageHandler): Promise<() => void> {
    let set = this.handlers.get(channel);
    if (set === undefined) {
      set = new Set();
      this.handlers.set(channel, set);
      const confirmed: Promise<unknown> = this.connection.subscribe(channel).finally(() => {
        // A later SUBSCRIBE of the same channel (after an unsubscribe) may have replaced this one.
        if (this.pending.get(channel) === confirmed) this.pending.delete(channel);
      });
      this.pending.set(channel, confirmed);
    }
    set.add(handler);
    try {
      await this.pending.get(channel);
    } catch (err) {
      this.remove(channel, handler);
      throw err;
    }
    return () => this.remove(channel, handler);
  }

  /** Called after every reconnect, once all channels are subscribed again. Returns an unhook function. */
  onResubscribed(hook: () => void): () => void {
    this.resubscribedHooks.add(hook);
    return () => this.resubscribedHooks.delete(hook);
  }

  private remove(channel: string, handler: MessageHandler): void {
    const set = this.handlers.get(channel);
    if (set === undefined || !set.delete(handler) || set.size > 0) return;
    this.handlers.delete(channel);
    // Commands on one connection are ordered: a later SUBSCRIBE of this channel still wins.
    this.connection.unsubscribe(channel).catch(() => undefined);
  }

  private dispatch(channel: string, message: string): void {
    const set = this.handlers.get(channel);
    if (set === undefined) return;
    for (const handler of [...set]) {
      try {
        handler(message);
      } catch {
        // One broken handler must not starve the others.
      }
    }
  }

  private async resubscribe(): Promise<void> {
    const channels = [...this.handlers.keys()];
    try {
      if (channels.length > 0) await this.connection.subscribe(...channels);
    } catch {
      // The connection dropped again; the next 'ready' retries.
      return;
    }
    for (const hook of [...this.resubscribedHooks]) {
      try {
        hook();
      } catch {
        // Same as dispatch: isolate hooks.
      }
    }
  }
}
