/**
 * Every Redis key and channel qactor uses, under one configurable prefix (several clusters, or
 * parallel tests, share one Redis without seeing each other). No other file builds a key.
 */
export class RedisKeys {
  readonly prefix: string;

  constructor(prefix: string) {
    if (prefix.length === 0) throw new RangeError('redis key prefix must not be empty');
    this.prefix = prefix;
  }

  /** Hash `{exp, body}` of a finished query's StoredQuery; TTL = its expiration. */
  result(id: string): string {
    return `${this.prefix}:result:${id}`;
  }

  /** Hash `{seq, event}`: the latest status event of a query (the mirror a late subscriber reads). */
  statusMirror(id: string): string {
    return `${this.prefix}:status:${id}`;
  }

  /** Pub/sub channel of one query's status events. */
  statusChannel(id: string): string {
    return `${this.prefix}:status-events:${id}`;
  }

  /** Pub/sub channel of one node's stop/cancel commands. */
  controlChannel(node: string): string {
    return `${this.prefix}:control:${node}`;
  }

  /** String key holding a node's heartbeat deadline; TTL = the heartbeat TTL. */
  node(node: string): string {
    return `${this.prefix}:node:${node}`;
  }

  /**
   * Hash `{exp, record, checkpoint?}` of a query still running somewhere in the cluster; `checkpoint`
   * is its owner's latest partial result (JSON), read if that node dies.
   */
  running(id: string): string {
    return `${this.prefix}:running:${id}`;
  }

  /** Hash `{hash, record, invalidated?}` of one API key (SHA-256 of the secret, never the secret). */
  apiKey(id: string): string {
    return `${this.prefix}:api-key:${id}`;
  }

  /** Set of every API key id, for the `name` / `username` / `owner` forms of invalidation. */
  apiKeyIds(): string {
    return `${this.prefix}:api-key-ids`;
  }
}
