import { describe, expect, it } from 'vitest';
import { SendBuffer, type FrameSink } from '../../src/ws/send-buffer.js';

/** A socket whose write buffer drains only when the test says so: a client that reads slowly. */
class SlowSink implements FrameSink {
  bufferedAmount = 0;
  readonly sent: string[] = [];
  closedWith: number | undefined;
  private readonly callbacks: (() => void)[] = [];
  send(frame: string, done: () => void): void {
    this.sent.push(frame);
    this.bufferedAmount += frame.length;
    this.callbacks.push(done);
  }
  close(code: number): void {
    this.closedWith = code;
  }
  drainAll(): void {
    this.bufferedAmount = 0;
    const cbs = this.callbacks.splice(0);
    for (const cb of cbs) cb();
  }
}

describe('SendBuffer', () => {
  it('sends at once while the socket keeps up', () => {
    const sink = new SlowSink();
    const buffer = new SendBuffer(sink, { highWaterBytes: 100, maxQueuedBytes: 1000 });
    buffer.push('a');
    buffer.push('b');
    expect(sink.sent).toEqual(['a', 'b']);
  });

  it('coalesces queued frames of one key to the latest and keeps order for others', () => {
    const sink = new SlowSink();
    const buffer = new SendBuffer(sink, { highWaterBytes: 10, maxQueuedBytes: 1000 });
    buffer.push('x'.repeat(20)); // fills the socket past high water
    buffer.push('status-1', 'q1');
    buffer.push('other');
    buffer.push('status-2', 'q1');
    buffer.push('status-3', 'q1');
    expect(buffer.coalesced).toBe(2);
    sink.drainAll();
    sink.drainAll();
    sink.drainAll();
    expect(sink.sent.slice(1)).toEqual(['status-3', 'other']);
    expect(buffer.pendingBytes).toBe(0);
  });

  it('closes a hopelessly slow client with 1008 and drops what it queued', () => {
    const sink = new SlowSink();
    const buffer = new SendBuffer(sink, { highWaterBytes: 10, maxQueuedBytes: 100 });
    buffer.push('x'.repeat(20));
    for (let i = 0; i < 50; i++) buffer.push(`result-${i}`);
    expect(sink.closedWith).toBe(1008);
    expect(buffer.pendingBytes).toBe(0);
    buffer.push('after close');
    expect(sink.sent).toHaveLength(1);
  });
});
