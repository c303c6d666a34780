// What a replay measured: requests by type with their latency (a log-scale histogram: p50 and p99
// within 2 %, in constant memory however long the wave), answers by status, events by type.

const GROWTH = Math.log(1.02);

class LatencyHistogram {
  private buckets = new Map<number, number>();
  private count = 0;
  add(ms: number) {
    const bucket = Math.floor(Math.log(ms + 1) / GROWTH);
    this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + 1);
    this.count += 1;
  }
  quantile(q: number): number {
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (const bucket of [...this.buckets.keys()].sort((a, b) => a - b)) {
      seen += this.buckets.get(bucket)!;
      // the bucket's upper edge: never reports less than what was measured
      if (seen >= rank) return Math.round((Math.exp((bucket + 1) * GROWTH) - 1) * 10) / 10;
    }
    return 0;
  }
}

export class ReplayStats {
  readonly events: Record<string, number> = {};
  readonly status: Record<string, number> = {};
  readonly skipped: Record<string, number> = {};
  malformed = 0;
  unknown = 0;
  private latency = new Map<string, LatencyHistogram>();
  private allLatency = new LatencyHistogram();
  private signupStarted: number | null = null;
  private signupFinished: number | null = null;
  private phoneStarted: number | null = null;
  private phoneFinished: number | null = null;
  signupsCompleted = 0;
  phoneSignupsCompleted = 0;

  countEvent(type: string) {
    this.events[type] = (this.events[type] ?? 0) + 1;
  }
  skip(reason: string) {
    this.skipped[reason] = (this.skipped[reason] ?? 0) + 1;
  }
  request(type: string, status: number, ms: number) {
    const key = String(status);
    this.status[key] = (this.status[key] ?? 0) + 1;
    let histogram = this.latency.get(type);
    if (!histogram) {
      histogram = new LatencyHistogram();
      this.latency.set(type, histogram);
    }
    histogram.add(ms);
    this.allLatency.add(ms);
  }
  signupSent(now: number, method?: string) {
    this.signupStarted ??= now;
    if (method === 'phone') this.phoneStarted ??= now;
  }
  signupCompleted(now: number, method?: string) {
    this.signupsCompleted += 1;
    this.signupFinished = now;
    if (method === 'phone') {
      this.phoneSignupsCompleted += 1;
      this.phoneFinished = now;
    }
  }

  /** The `summary.json` of the surge contract, plus optional extras (`skipped`, `malformed`…). */
  summary(wallSeconds: number) {
    const seconds = (from: number | null, to: number | null) =>
      from !== null && to !== null ? (to - from) / 1000 : 0;
    const perSecond = (count: number, window: number) =>
      window > 0 ? Math.round((count / window) * 10) / 10 : 0;
    const window = seconds(this.signupStarted, this.signupFinished);
    const phoneWindow = seconds(this.phoneStarted, this.phoneFinished);
    const latency: Record<string, { p50: number; p99: number }> = {};
    for (const [type, histogram] of [...this.latency].sort(([a], [b]) => a.localeCompare(b))) {
      latency[type] = { p50: histogram.quantile(0.5), p99: histogram.quantile(0.99) };
    }
    return {
      events: this.events,
      status: this.status,
      signupsPerSecond: perSecond(this.signupsCompleted, window),
      latency,
      wallSeconds: Math.round(wallSeconds * 10) / 10,
      signupsCompleted: this.signupsCompleted,
      // optional extras: phone sign-ups alone (the throughput target), every request
      phoneSignupsCompleted: this.phoneSignupsCompleted,
      phoneSignupsPerSecond: perSecond(this.phoneSignupsCompleted, phoneWindow),
      latencyAll: { p50: this.allLatency.quantile(0.5), p99: this.allLatency.quantile(0.99) },
      skipped: this.skipped,
      malformed: this.malformed,
      unknown: this.unknown,
    };
  }
}
