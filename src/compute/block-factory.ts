import { circuitBreaking } from '../errors.js';

/**
 * Memory accounting for one query against a per-query and a shared global budget (ES's
 * BlockFactory + CircuitBreaker). Operators that hold data (STATS, SORT, TopN, the result sink)
 * reserve bytes before they grow and release them on close; going over either budget fails the query
 * with `circuit_breaking_exception` (429), never the process.
 */
export class MemoryBudget {
  private used = 0;

  constructor(
    readonly limitBytes: number,
    readonly label: string,
  ) {}

  get usedBytes(): number {
    return this.used;
  }

  reserve(bytes: number): void {
    if (this.used + bytes > this.limitBytes) {
      throw circuitBreaking(
        `[${this.label}] Data too large, data would be [${this.used + bytes}/${formatBytes(this.used + bytes)}], ` +
          `which is larger than the limit of [${this.limitBytes}/${formatBytes(this.limitBytes)}]`,
      );
    }
    this.used += bytes;
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

export class BlockFactory {
  private reserved = 0;

  constructor(
    private readonly query: MemoryBudget,
    private readonly global: MemoryBudget,
  ) {}

  /** Reserve `bytes` against both budgets; throws circuit_breaking_exception when over. */
  reserve(bytes: number): void {
    this.query.reserve(bytes);
    try {
      this.global.reserve(bytes);
    } catch (e) {
      this.query.release(bytes);
      throw e;
    }
    this.reserved += bytes;
  }

  release(bytes: number): void {
    const b = Math.min(bytes, this.reserved);
    this.reserved -= b;
    this.query.release(b);
    this.global.release(b);
  }

  /** Release everything this factory still holds (query end, cancel). */
  releaseAll(): void {
    this.release(this.reserved);
  }

  get reservedBytes(): number {
    return this.reserved;
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n}b`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)}kb`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)}mb`;
  return `${(n / 1024 / 1024 / 1024).toFixed(1)}gb`;
}
