/**
 * A bounded outgoing queue for one WebSocket connection. While the socket keeps up, frames go out at
 * once. When the socket's own buffer passes `highWaterBytes` the client is falling behind: frames
 * queue here, and a newer status frame of a query replaces the older one still queued (a slow client
 * sees the latest state, never an older one after a newer one). If the queue still grows past
 * `maxQueuedBytes`, the client is hopelessly behind and is closed with 1008, so a slow peer can
 * never make the server hold unbounded memory.
 */

export interface FrameSink {
  /** Bytes the socket has accepted but not yet written (ws `bufferedAmount`). */
  readonly bufferedAmount: number;
  send(frame: string, done: () => void): void;
  close(code: number, reason: string): void;
}

export interface SendBufferOptions {
  readonly highWaterBytes: number;
  readonly maxQueuedBytes: number;
}

interface QueuedFrame {
  frame: string;
  /** Coalescing key: frames with the same key replace each other while queued. */
  readonly key: string | undefined;
}

export class SendBuffer {
  private readonly queue: QueuedFrame[] = [];
  private readonly byKey = new Map<string, QueuedFrame>();
  private queuedBytes = 0;
  private closed = false;
  private overflow = false;
  /** Frames replaced by a newer one of the same key (coalesced), for metrics and tests. */
  coalesced = 0;

  constructor(
    private readonly sink: FrameSink,
    private readonly options: SendBufferOptions,
  ) {}

  /** Queue or send a frame. `key` marks frames that may be coalesced (status of one query). */
  push(frame: string, key?: string): void {
    if (this.closed) return;
    if (this.queue.length === 0 && this.sink.bufferedAmount < this.options.highWaterBytes) {
      this.sink.send(frame, () => this.flush());
      return;
    }
    const existing = key === undefined ? undefined : this.byKey.get(key);
    if (existing !== undefined) {
      this.queuedBytes += frame.length - existing.frame.length;
      existing.frame = frame;
      this.coalesced++;
    } else {
      const entry: QueuedFrame = { frame, key };
      this.queue.push(entry);
      if (key !== undefined) this.byKey.set(key, entry);
      this.queuedBytes += frame.length;
    }
    if (this.queuedBytes > this.options.maxQueuedBytes) {
      this.closed = true;
      this.overflow = true;
      this.queue.length = 0;
      this.byKey.clear();
      this.queuedBytes = 0;
      this.sink.close(1008, 'client too slow: send buffer overflow');
    }
  }

  /** True once the client was closed for falling hopelessly behind. */
  get overflowed(): boolean {
    return this.overflow;
  }

  get pendingBytes(): number {
    return this.queuedBytes;
  }

  /** Send queued frames while the socket has room. */
  flush(): void {
    while (!this.closed && this.queue.length > 0 && this.sink.bufferedAmount < this.options.highWaterBytes) {
      const entry = this.queue.shift()!;
      if (entry.key !== undefined) this.byKey.delete(entry.key);
      this.queuedBytes -= entry.frame.length;
      this.sink.send(entry.frame, () => this.flush());
    }
  }

  dispose(): void {
    this.closed = true;
    this.queue.length = 0;
    this.byKey.clear();
    this.queuedBytes = 0;
  }
}
