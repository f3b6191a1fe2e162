/**
 * A Prometheus histogram of durations in seconds: cumulative buckets (`le`), count and sum. Observing
 * is a few comparisons, cheap enough for every status event delivered.
 */
export class LatencyHistogram {
  private readonly counts: Float64Array;
  private total = 0;
  private sumSeconds = 0;

  constructor(readonly bounds: readonly number[]) {
    this.counts = new Float64Array(bounds.length);
  }

  /** Bound so it can be handed out as a plain callback (the status bus adapters take one). */
  readonly observe = (seconds: number): void => {
    this.total++;
    this.sumSeconds += seconds;
    for (let i = 0; i < this.bounds.length; i++) if (seconds <= this.bounds[i]) this.counts[i]++;
  };

  snapshot(): HistogramSnapshot {
    return { bounds: this.bounds, buckets: [...this.counts], count: this.total, sumSeconds: this.sumSeconds };
  }
}

export interface HistogramSnapshot {
  readonly bounds: readonly number[];
  /** Cumulative: `buckets[i]` counts observations `<= bounds[i]`. */
  readonly buckets: readonly number[];
  readonly count: number;
  readonly sumSeconds: number;
}
