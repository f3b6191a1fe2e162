import WebSocket from 'ws';

/**
 * One `qactor query` run over the WebSocket gateway: submit, follow the status events, and on request
 * stop (keep what was computed) or delete the query. Resolves once with how the run ended; it never
 * rejects (a failure is an ending too).
 */

export interface StatusProgress {
  readonly rows_processed: number;
  readonly rows_total: number | null;
  readonly elapsed_ms: number;
}

/** The JSON body of `GET /_query/async/{id}` (what a `result` frame carries). */
export interface ResultBody {
  readonly id?: string;
  readonly is_running: boolean;
  readonly is_partial?: boolean;
}

export type SessionEnd =
  | { readonly kind: 'result'; readonly id: string; readonly body: ResultBody }
  | { readonly kind: 'deleted'; readonly id: string | undefined }
  | { readonly kind: 'error'; readonly message: string };

export interface SessionOptions {
  readonly url: string;
  readonly query: string;
  readonly authorization?: string;
  readonly onSubmitted?: (id: string) => void;
  readonly onStatus?: (state: string, progress: StatusProgress) => void;
}

interface ErrorFrame {
  readonly error?: { readonly type?: string; readonly reason?: string };
  readonly status?: number;
}

const REF = 'cli';

export class QuerySession {
  readonly ended: Promise<SessionEnd>;
  private id: string | undefined;
  private requested: 'stop' | 'delete' | undefined;
  private finished = false;
  private readonly socket: WebSocket;
  private resolve!: (end: SessionEnd) => void;

  constructor(private readonly options: SessionOptions) {
    this.ended = new Promise((resolve) => (this.resolve = resolve));
    const target = new URL('/_query/ws', options.url);
    target.protocol = target.protocol === 'https:' ? 'wss:' : 'ws:';
    const headers: Record<string, string> = options.authorization === undefined ? {} : { authorization: options.authorization };
    this.socket = new WebSocket(target, { headers, perMessageDeflate: false });
    this.socket.on('open', () => this.send({ type: 'submit', ref: REF, query: options.query, result: true }));
    this.socket.on('message', (data: Buffer) => this.onFrame(JSON.parse(data.toString('utf8')) as Record<string, unknown>));
    this.socket.on('unexpected-response', (_request, response) => {
      const hint = response.statusCode === 401 ? ': check --user NAME:PASSWORD' : '';
      this.end({ kind: 'error', message: `${options.url} refused the WebSocket upgrade (HTTP ${response.statusCode})${hint}` });
    });
    this.socket.on('error', (err) => this.end({ kind: 'error', message: `cannot reach ${options.url}: ${err.message}` }));
    this.socket.on('close', () => this.end({ kind: 'error', message: `connection to ${options.url} closed before the query finished` }));
  }

  /** First Ctrl-C: finish early and answer with what was computed. */
  stop(): void {
    this.requested ??= 'stop';
    if (this.id !== undefined) this.send({ type: 'stop', id: this.id });
  }

  /** Second Ctrl-C: cancel and drop the query. */
  delete(): void {
    this.requested = 'delete';
    if (this.id !== undefined) this.send({ type: 'delete', id: this.id });
  }

  get queryId(): string | undefined {
    return this.id;
  }

  private onFrame(m: Record<string, unknown>): void {
    switch (m.type) {
      case 'submitted':
        this.id = String(m.id);
        this.options.onSubmitted?.(this.id);
        // A Ctrl-C that came before the id is carried out now.
        if (this.requested === 'delete') this.delete();
        else if (this.requested === 'stop') this.stop();
        return;
      case 'status':
        if (m.state === 'done' && m.outcome === 'cancelled') {
          this.end({ kind: 'deleted', id: this.id });
          return;
        }
        this.options.onStatus?.(String(m.state), m.progress as StatusProgress);
        return;
      case 'result': {
        const body = m.body as ResultBody;
        // A stop is answered with the result; so is the end of the subscription: the first one counts.
        if (!body.is_running && this.requested !== 'delete') this.end({ kind: 'result', id: String(m.id), body });
        return;
      }
      case 'deleted':
        this.end({ kind: 'deleted', id: this.id });
        return;
      case 'error': {
        const { error, status } = m as ErrorFrame;
        // A stop or delete that raced the query's end finds it gone: the other frames tell how it ended.
        if (status === 404 && this.requested !== undefined && m.ref === undefined) return;
        this.end({ kind: 'error', message: `${error?.type ?? 'error'}: ${error?.reason ?? 'unknown error'}` });
        return;
      }
    }
  }

  private send(message: Record<string, unknown>): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private end(end: SessionEnd): void {
    if (this.finished) return;
    this.finished = true;
    this.resolve(end);
    this.socket.removeAllListeners('close');
    this.socket.on('error', () => undefined);
    this.socket.close();
  }
}
