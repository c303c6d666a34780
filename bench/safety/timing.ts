/**
 * CPU-time measurements shared by the safety benchmarks (run.ts and public.ts). CPU time of this process keeps
 * figures honest when other work shares the machine; the wall-clock figure is printed beside it.
 */

/** Milliseconds of CPU time (user + system) this process has used. */
export function cpuNow(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Runs `fn`, timing it in CPU milliseconds and wall milliseconds. */
export function timeIt<T>(fn: () => T): { value: T; ms: number; wallMs: number } {
  const wall = performance.now();
  const cpu = cpuNow();
  const value = fn();
  return { value, ms: cpuNow() - cpu, wallMs: performance.now() - wall };
}

export interface Rate {
  cpu: number;
  wall: number;
}

/**
 * UTF-8 megabytes per CPU second over `texts`, one text per call: the median of `windows`
 * windows of `windowMs` CPU milliseconds each, walking the texts in order.
 */
export function throughput(
  detect: (text: string) => unknown,
  texts: readonly string[],
  windowMs: number,
  windows: number,
): Rate {
  const bytes = texts.map((t) => Buffer.byteLength(t, 'utf8'));
  for (let i = 0; i < Math.min(texts.length, 200); i++) detect(texts[i]!); // warm up
  const rates: Rate[] = [];
  let i = 0;
  for (let w = 0; w < windows; w++) {
    let total = 0;
    const wallStart = performance.now();
    const cpuStart = cpuNow();
    let elapsed = 0;
    for (let n = 0; elapsed < windowMs; n++) {
      detect(texts[i]!);
      total += bytes[i]!;
      i = (i + 1) % texts.length;
      if ((n & 7) === 7) elapsed = cpuNow() - cpuStart;
    }
    elapsed = cpuNow() - cpuStart;
    const wall = performance.now() - wallStart;
    rates.push({ cpu: total / 1e6 / (elapsed / 1000), wall: total / 1e6 / (wall / 1000) });
  }
  rates.sort((a, b) => a.cpu - b.cpu);
  return rates[Math.floor(rates.length / 2)]!;
}

export function formatRate(rate: Rate): string {
  const f = (x: number): string => (x < 0.01 ? '< 0.01' : x.toFixed(2));
  return `${f(rate.cpu)} (${f(rate.wall)})`;
}
