import type { WebSocket } from 'ws';
import { EsError, toEsErrorBody } from '../errors.js';
import { renderAsyncView, renderSyncResult } from '../format/result-renderer.js';
import type { AsyncQueryView, QueryPreview, QueryRuntime, StatusEvent } from '../runtime/query-runtime.js';
import { parseClientMessage, type ClientMessage, type MessageAddress, type PreviewRequest } from './protocol.js';
import { CallerQueries } from './caller-queries.js';
import { SendBuffer } from './send-buffer.js';

export interface ConnectionLimits {
  readonly maxSubscriptions: number;
  readonly maxInFlightSubmits: number;
  readonly highWaterBytes: number;
  readonly maxQueuedBytes: number;
  readonly defaultKeepAliveMs: number;
  /** Period of `preview` frames when the subscriber does not ask for one. */
  readonly previewIntervalMs: number;
}

/**
 * One event fans out to every subscribed connection as the same object (the bus hands it to each
 * listener), so its frame text is built once, not once per connection.
 */
const statusFrames = new WeakMap<StatusEvent, string>();
function statusFrame(event: StatusEvent): string {
  let frame = statusFrames.get(event);
  if (frame === undefined) {
    frame = JSON.stringify({ type: 'status', ...event });
    statusFrames.set(event, frame);
  }
  return frame;
}

const JSON_FORMAT = { kind: 'json', contentType: 'application/json' } as const;
const RENDER = { format: JSON_FORMAT, columnar: false, dropNullColumns: false, pretty: false } as const;

/**
 * One client connection: its subscriptions, its in-flight submits and its send buffer. Requests are
 * answered independently (a slow `get` never holds up a `stop`); every failure becomes an `error`
 * frame addressed to the request's `ref` or `id`, and the socket stays open.
 */
export class GatewayConnection {
  private readonly subscriptions = new Map<string, () => void>();
  private inFlightSubmits = 0;
  private closed = false;
  readonly out: SendBuffer;

  constructor(
    private readonly socket: WebSocket,
    private readonly runtime: QueryRuntime,
    private readonly limits: ConnectionLimits,
    private readonly owner: string | undefined,
    /** The caller's queries across all its connections to this gateway (the `list` answer). */
    private readonly callerQueries: CallerQueries = new CallerQueries(),
  ) {
    this.out = new SendBuffer(
      {
        get bufferedAmount() {
          return socket.bufferedAmount;
        },
        send: (frame, done) => socket.send(frame, () => done()),
        close: (code, reason) => socket.close(code, reason),
      },
      { highWaterBytes: limits.highWaterBytes, maxQueuedBytes: limits.maxQueuedBytes },
    );
  }

  onMessage(text: string): void {
    const { message, address, error } = parseClientMessage(text);
    if (error !== undefined || message === undefined) {
      this.sendError(address, error ?? new EsError('x_content_parse_exception', 'unreadable message'));
      return;
    }
    this.handle(message).catch((err: unknown) => this.sendError(address, err));
  }

  close(): void {
    this.closed = true;
    for (const unsubscribe of this.subscriptions.values()) unsubscribe();
    this.subscriptions.clear();
    this.out.dispose();
  }

  private async handle(m: ClientMessage): Promise<void> {
    switch (m.type) {
      case 'submit':
        return this.submit(m);
      case 'subscribe':
        return this.subscribe(m.id, m.afterSeq, m.result, m.preview);
      case 'unsubscribe':
        this.subscriptions.get(m.id)?.();
        this.subscriptions.delete(m.id);
        return;
      case 'stop':
        return this.sendResult(m.id, await this.runtime.stop(m.id, { owner: this.owner }));
      case 'get':
        return this.sendResult(m.id, await this.runtime.get(m.id, { owner: this.owner }));
      case 'delete':
        await this.runtime.delete(m.id, { owner: this.owner });
        this.callerQueries.forget(this.owner, m.id);
        this.send({ type: 'deleted', id: m.id });
        return;
      case 'list':
        this.send({
          type: 'list',
          queries: this.callerQueries.list(this.owner),
        });
        return;
    }
  }

  private async submit(m: Extract<ClientMessage, { type: 'submit' }>): Promise<void> {
    if (this.inFlightSubmits >= this.limits.maxInFlightSubmits) {
      throw new EsError(
        'es_rejected_execution_exception',
        `too many submits in flight on this connection (max ${this.limits.maxInFlightSubmits})`,
      );
    }
    this.checkSubscriptionRoom();
    this.inFlightSubmits++;
    let view: AsyncQueryView;
    try {
      view = await this.runtime.submit({
        query: m.query,
        params: m.params,
        owner: this.owner,
        waitForCompletionMs: 0,
        keepAliveMs: m.keepAliveMs ?? this.limits.defaultKeepAliveMs,
        allowPartialResults: m.allowPartialResults,
        // A WebSocket client always gets an id back: it may subscribe, stop or fetch the result later.
        keepOnCompletion: true,
      });
    } finally {
      this.inFlightSubmits--;
    }
    const id = view.id!;
    this.callerQueries.add(this.owner, id);
    this.send({ type: 'submitted', ref: m.ref, id });
    await this.subscribe(id, -1, m.result, m.preview);
  }

  private checkSubscriptionRoom(): void {
    if (this.subscriptions.size >= this.limits.maxSubscriptions) {
      throw new EsError(
        'es_rejected_execution_exception',
        `too many subscriptions on this connection (max ${this.limits.maxSubscriptions})`,
      );
    }
  }

  private async subscribe(id: string, afterSeq: number, withResult: boolean, preview?: PreviewRequest): Promise<void> {
    if (this.subscriptions.has(id)) return;
    this.checkSubscriptionRoom();
    let lastSeq = afterSeq;
    let finished = false;
    let running = false;
    const onEvent = (event: StatusEvent) => {
      if (this.closed || event.seq <= lastSeq) return;
      lastSeq = event.seq;
      running = event.state === 'running';
      this.callerQueries.update(this.owner, event);
      // The terminal status is never coalesced away: it has its own key.
      const key = event.state === 'done' ? undefined : `status:${id}`;
      this.out.push(statusFrame(event), key);
      if (event.state === 'done' && !finished) {
        finished = true;
        this.subscriptions.get(id)?.();
        this.subscriptions.delete(id);
        if (withResult && event.outcome !== 'cancelled') this.fetchResult(id);
      }
    };
    const unwatch = await this.runtime.watch(id, onEvent, { owner: this.owner });
    if (finished || this.closed) {
      unwatch();
      return;
    }
    const stopPreviews =
      preview === undefined ? undefined : this.startPreviews(id, preview.intervalMs, () => running && !finished && !this.closed);
    this.subscriptions.set(id, () => {
      unwatch();
      stopPreviews?.();
    });
  }

  /**
   * Polls the runtime's preview of `id` while `wanted()` (the query is running and still watched).
   * One preview at a time per subscription; a queued preview frame is replaced by a newer one, so a
   * slow client holds at most one per query. Returns the function that ends the polling.
   */
  private startPreviews(id: string, intervalMs: number | undefined, wanted: () => boolean): (() => void) | undefined {
    const runtime = this.runtime;
    if (runtime.preview === undefined) return undefined;
    let busy = false;
    const timer = setInterval(() => {
      if (busy || !wanted()) return;
      busy = true;
      runtime
        .preview?.(id, { owner: this.owner })
        .then(
          (p) => {
            if (p !== undefined && wanted()) this.sendPreview(p);
          },
          () => undefined, // gone meanwhile (deleted, expired): the status stream says so
        )
        .finally(() => (busy = false));
    }, intervalMs ?? this.limits.previewIntervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private sendPreview(p: QueryPreview): void {
    const body = renderSyncResult(p.result, RENDER).body;
    // ES's shape for a running async query that carries partial results: id and is_running first.
    const head = `{"type":"preview","id":${JSON.stringify(p.id)},"seq":${p.seq},"fraction":${JSON.stringify(p.fraction)}`;
    this.out.push(`${head},"body":{"id":${JSON.stringify(p.id)},"is_running":true,${body.slice(1)}}`, `preview:${p.id}`);
  }

  private fetchResult(id: string): void {
    this.runtime.get(id, { owner: this.owner }).then(
      (view) => this.sendResult(id, view),
      (err: unknown) => this.sendError({ id }, err),
    );
  }

  private sendResult(id: string, view: AsyncQueryView): void {
    const body = renderAsyncView(view, RENDER).body;
    // The body is already JSON (with exact big integers); splice it in rather than re-encode it.
    this.out.push(`{"type":"result","id":${JSON.stringify(id)},"body":${body}}`);
  }

  private sendError(address: MessageAddress, err: unknown): void {
    const envelope = toEsErrorBody(err);
    this.send({ type: 'error', ...address, ...envelope });
  }

  private send(message: Record<string, unknown>): void {
    if (!this.closed) this.out.push(JSON.stringify(message));
  }
}
