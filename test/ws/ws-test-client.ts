import WebSocket from 'ws';

export type Frame = Record<string, unknown>;

/** A real ws client that records every frame and can wait for one matching a predicate. */
export class WsTestClient {
  readonly frames: Frame[] = [];
  /** Resolves with the close code once the socket is closed (1006 when it was cut without a close frame). */
  readonly closed: Promise<number>;
  private waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as Frame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => (w.pred(frame) ? (w.resolve(frame), false) : true));
    });
    this.closed = new Promise((resolve) => ws.once('close', (code: number) => resolve(code)));
    // A cut connection also emits 'error' on some paths; the close code is what the tests read.
    ws.on('error', () => undefined);
  }

  static async open(baseUrl: string): Promise<WsTestClient> {
    const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/_query/ws');
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new WsTestClient(ws);
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  next(pred: (f: Frame) => boolean): Promise<Frame> {
    const seen = this.frames.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }

  ofType(type: string, id?: string): Frame[] {
    return this.frames.filter((f) => f.type === type && (id === undefined || f.id === id));
  }

  /** Stops reading from the socket: the server's writes pile up as for a client that fell behind. */
  pauseReading(): void {
    (this.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  }

  resumeReading(): void {
    (this.ws as unknown as { _socket: { resume(): void } })._socket.resume();
  }

  close(): void {
    this.ws.close();
  }
}

export const isDone = (id: string) => (f: Frame) => f.type === 'status' && f.id === id && f.state === 'done';
export const isResult = (id: string) => (f: Frame) => f.type === 'result' && f.id === id;
