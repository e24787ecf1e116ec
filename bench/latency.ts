import * as hdr from 'hdr-histogram-js';

// Latencies go into an HdrHistogram in microseconds (3 significant digits), so percentiles of
// hundreds of thousands of samples cost a fixed, small amount of memory and stay exact enough.

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export class LatencyRecorder {
  private readonly histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });

  recordUs(us: number): void {
    this.histogram.recordValue(Math.max(1, Math.round(us)));
  }

  reset(): void {
    this.histogram.reset();
  }

  /** The histogram, compressed, to be merged with another process's. */
  encode(): string {
    return hdr.encodeIntoCompressedBase64(this.histogram);
  }

  /** Adds another process's recordings (from `encode`). */
  add(encoded: string): void {
    this.histogram.add(hdr.decodeFromCompressedBase64(encoded));
  }

  /** In milliseconds. */
  summary(): Percentiles {
    const h = this.histogram;
    const ms = (us: number) => Math.round(us) / 1000;
    return {
      count: h.totalCount,
      p50: ms(h.getValueAtPercentile(50)),
      p95: ms(h.getValueAtPercentile(95)),
      p99: ms(h.getValueAtPercentile(99)),
      p999: ms(h.getValueAtPercentile(99.9)),
      max: ms(h.maxValue),
      mean: ms(h.mean),
    };
  }
}
