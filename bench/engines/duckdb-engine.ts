import {
  BIGINT,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  INTEGER,
  VARCHAR,
  type DuckDBConnection,
} from '@duckdb/node-api';
import { BYTES, LATENCY, STATUS, TS, type BenchDataset } from '../dataset.js';
import { QUERIES, type QueryId, type ResultRow } from '../queries.js';
import type { BenchEngine } from './bench-engine.js';

/** One in-memory DuckDB database shared by the thread-count variants, so the data is loaded once. */
export class DuckDBDatabase {
  private connection: DuckDBConnection | undefined;
  private defaultThreads = 0;

  async load(data: BenchDataset): Promise<void> {
    if (this.connection !== undefined) return;
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    this.connection = conn;
    const threads = await conn.runAndReadAll("SELECT current_setting('threads')");
    this.defaultThreads = Number(threads.getRows()[0][0]);
    // ES long -> BIGINT, integer -> INTEGER, double -> DOUBLE, keyword -> VARCHAR, datetime -> epoch ms BIGINT.
    await conn.run('CREATE TABLE logs (ts BIGINT, host VARCHAR, status INTEGER, bytes BIGINT, latency_ms DOUBLE, message VARCHAR)');
    const appender = await conn.createAppender('logs');
    const types = [BIGINT, VARCHAR, INTEGER, BIGINT, DOUBLE, VARCHAR];
    const CHUNK = 2048;
    // Keywords come from the dataset's ordinals: reading a stored dictionary block's `values` would cache
    // its strings on the block for the rest of the bench.
    for (const [s, seg] of data.index.segments.entries()) {
      const ts = seg.blocks[TS].values as Float64Array;
      const host = Array.from(data.hostOrdinals[s], (o) => data.hostNames[o]);
      const status = seg.blocks[STATUS].values as Int32Array;
      const bytes = seg.blocks[BYTES].values as Float64Array;
      const lat = seg.blocks[LATENCY].values as Float64Array;
      const msg = Array.from(data.messageOrdinals[s], (o) => data.messageNames[o]);
      for (let from = 0; from < seg.positionCount; from += CHUNK) {
        const to = Math.min(from + CHUNK, seg.positionCount);
        const chunk = DuckDBDataChunk.create(types, to - from);
        chunk.setColumns([
          Array.from(ts.subarray(from, to), (v) => BigInt(v)),
          host.slice(from, to),
          Array.from(status.subarray(from, to)),
          Array.from(bytes.subarray(from, to), (v) => BigInt(v)),
          Array.from(lat.subarray(from, to)),
          msg.slice(from, to),
        ]);
        appender.appendDataChunk(chunk);
      }
    }
    appender.closeSync();
  }

  get threads(): number {
    return this.defaultThreads;
  }

  async setThreads(n: number): Promise<void> {
    await this.conn().run(`SET threads = ${n}`);
  }

  async query(sql: string): Promise<readonly ResultRow[]> {
    const reader = await this.conn().runAndReadAll(sql);
    return reader.getRows();
  }

  close(): void {
    this.connection?.closeSync();
    this.connection = undefined;
  }

  private conn(): DuckDBConnection {
    if (this.connection === undefined) throw new Error('DuckDB not loaded');
    return this.connection;
  }
}

/** DuckDB at a given thread count (undefined = its default, one per core). */
export class DuckDBEngine implements BenchEngine {
  readonly name: string;

  constructor(
    private readonly db: DuckDBDatabase,
    private readonly threads: number | undefined,
  ) {
    this.name = threads === undefined ? 'DuckDB default threads' : `DuckDB threads=${threads}`;
  }

  async load(data: BenchDataset): Promise<void> {
    await this.db.load(data);
  }

  async activate(): Promise<void> {
    await this.db.setThreads(this.threads ?? this.db.threads);
  }

  async run(id: QueryId): Promise<readonly ResultRow[]> {
    return this.db.query(QUERIES[id].sql);
  }

  async close(): Promise<void> {
    // The shared database is closed by its owner.
  }
}
