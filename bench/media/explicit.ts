/**
 * The explicit-imagery check: model load time, process memory after load, latency per image
 * (p50/p95, decode and classification, one image at a time as a worker runs them), and the
 * false-positive rate on generated innocent images (test/fixtures/innocent-images.ts).
 *
 *   npx tsx --conditions source bench/media/explicit.ts [--seed 20261207] [--count 700] [--scores]
 *
 * The seed of the false-positive figure in bench/RESULTS.md is one the thresholds were not
 * chosen on (they were looked at on seed 1 only).
 */
import os from 'node:os';
import { loadDefaultPolicy } from '@atrium/safety';
import {
  createExplicitChecker,
  explicitModel,
} from '../../apps/server/src/modules/media/explicit-check.js';
import { INNOCENT_KINDS, innocentImages } from '../../apps/server/test/fixtures/innocent-images.js';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}
const seed = argument('seed', 20261207);
const count = argument('count', 700);
const showScores = process.argv.includes('--scores');

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

const rssBefore = process.memoryUsage().rss;
const model = await explicitModel();
const rssAfter = process.memoryUsage().rss;
console.log(
  `model: load ${model.loadMs.toFixed(0)} ms (imports, WebAssembly, weights, warm-up); backend ${model.backend}; RSS ${mib(rssBefore)} → ${mib(rssAfter)} MiB`,
);

const images = await innocentImages(seed, count);
const checker = createExplicitChecker({ policy: () => policy });
const policy = loadDefaultPolicy();

// Warm-up outside the measurement: the first classifications compile kernels.
for (const image of images.slice(0, 5))
  await checker.check({
    bytes: image.bytes,
    width: image.width,
    height: image.height,
    ownerId: 'x',
  });

const times: number[] = [];
const cpuTimes: number[] = [];
const flagged = new Map<string, number>();
const byKind = new Map<string, { n: number; flagged: number }>();
for (const image of images) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const findings = await checker.check({
    bytes: image.bytes,
    width: image.width,
    height: image.height,
    ownerId: 'bench',
  });
  times.push(performance.now() - started);
  const cpu = process.cpuUsage(cpuStarted);
  cpuTimes.push((cpu.user + cpu.system) / 1000);
  const kind = byKind.get(image.kind) ?? { n: 0, flagged: 0 };
  kind.n++;
  if (findings.length > 0) {
    kind.flagged++;
    for (const finding of findings)
      flagged.set(finding.ruleId!, (flagged.get(finding.ruleId!) ?? 0) + 1);
    if (showScores)
      console.log(
        image.kind,
        findings.map((finding) => finding.ruleId).join(' '),
        JSON.stringify(findings[0]!.detail.classes),
      );
  }
  byKind.set(image.kind, kind);
}
const sorted = [...times].sort((a, b) => a - b);
const sortedCpu = [...cpuTimes].sort((a, b) => a - b);
const anyFlagged = [...byKind.values()].reduce((sum, kind) => sum + kind.flagged, 0);
console.log(
  `images: ${images.length} (seed ${seed}); latency per image p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms; CPU time per image (all threads: a contended machine inflates wall time, less so this) p50 ${percentile(sortedCpu, 50).toFixed(0)} ms, p95 ${percentile(sortedCpu, 95).toFixed(0)} ms`,
);
console.log(
  `false positives: ${anyFlagged}/${images.length} = ${((100 * anyFlagged) / images.length).toFixed(2)} % (${[...flagged].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'})`,
);
for (const kind of INNOCENT_KINDS) {
  const k = byKind.get(kind);
  if (k) console.log(`  ${kind.padEnd(10)} ${k.flagged}/${k.n}`);
}
console.log(
  `RSS at the end ${mib(process.memoryUsage().rss)} MiB; Node ${process.version}; ${os.cpus().length} × ${os.cpus()[0]?.model}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
