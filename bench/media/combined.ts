/**
 * The three image checks together, as a worker runs them on one image (docs/media.md): OCR (with
 * its second engine where it is needed), explicit imagery and the hash bank, one after the
 * other, on a mixed set of detail-size pictures: text pictures in the interface languages'
 * scripts (half with a Korean or Japanese line, which brings in the second OCR engine) and the
 * generated innocent pictures of the explicit-imagery benchmark (gradients, noise, landscapes,
 * drawings, text, charts), stored as the pipeline stores them (WebP, at most 1080 px wide).
 * The hash bank is an in-memory bank of `--bank` random hashes scanned as the real one is.
 *
 * Reports wall time and CPU time per image (all three checks; p50, p95, max), each checker's
 * share, and the process RSS before the models, after loading them and at the end.
 *
 *   npx tsx --conditions source bench/media/combined.ts [--seed 20261211] [--images 60] [--bank 10000]
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { loadDefaultPolicy } from '@atrium/safety';
import sharp from 'sharp';
import { createExplicitChecker } from '../../apps/server/src/modules/media/explicit-check.js';
import type { BankMatch } from '../../apps/server/src/modules/media/hash-bank.js';
import { createHashChecker } from '../../apps/server/src/modules/media/hash-checker.js';
import type { MediaChecker } from '../../apps/server/src/modules/media/media-check.js';
import { createOcrChecker } from '../../apps/server/src/modules/media/ocr-check.js';
import { closeOcrEngine } from '../../apps/server/src/modules/media/ocr-engine.js';
import { shippedRulesProvider } from '../../apps/server/src/modules/screening/safety-rules.js';
import { INNOCENT_KINDS, innocentImage } from '../../apps/server/test/fixtures/innocent-images.js';
import {
  CJK_FONT,
  LATIN_FONTS,
  randomFrom,
  renderTextImage,
} from '../../apps/server/test/fixtures/text-images.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '20261211' },
    images: { type: 'string', default: '60' },
    bank: { type: 'string', default: '10000' },
  },
});
const SEED = Number(values.seed);
const IMAGES = Number(values.images);
const BANK = Number(values.bank);

const random = randomFrom(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const TEXTS = {
  latin: ['Weekend market: fresh bread', 'Receta de pan casero', 'Sunset over the harbour'],
  han: ['今天的晚餐是番茄炒蛋', '周末去公园散步', '週末去公園散步'],
  second: [
    '오늘 저녁은 김치찌개',
    '주말에 친구와 카페에서',
    '今日は公園を散歩しました',
    'きょうは雨です',
  ],
};

interface Picture {
  kind: string;
  bytes: Buffer;
  width: number;
  height: number;
}

async function pictures(): Promise<Picture[]> {
  const result: Picture[] = [];
  for (let index = 0; index < IMAGES; index++) {
    if (index % 2 === 0) {
      const second = index % 4 === 0;
      const [width, height] = pick([
        [1080, 1080],
        [1080, 1440],
        [1080, 810],
      ] as const);
      const texts = [pick(TEXTS.latin), pick(TEXTS.han), ...(second ? [pick(TEXTS.second)] : [])];
      const bytes = await renderTextImage({
        width,
        height,
        seed: SEED + index,
        lines: texts.map((text, line) => ({
          text,
          x: 40 + Math.floor(random() * 120),
          y: Math.round(((line + 1) * height) / (texts.length + 1)),
          size: 24 + Math.floor(random() * 30),
          font: /[\u3000-\u9fff\uac00-\ud7af]/.test(text) ? CJK_FONT : pick(LATIN_FONTS),
          color: pick(['#111111', '#1d2b53', '#7a0019', '#d0102a']),
          rotate: Math.round((random() - 0.5) * 140) / 10,
        })),
      });
      result.push({ kind: second ? 'text (Hangul/kana)' : 'text', bytes, width, height });
    } else {
      const image = await innocentImage(pick(INNOCENT_KINDS), random);
      // as the upload pipeline stores it: WebP, at most 1080 wide
      const bytes = await sharp(image.bytes)
        .resize({ width: 1080, withoutEnlargement: true })
        .webp({ quality: 82 })
        .toBuffer();
      result.push({ kind: image.kind, bytes, width: image.width, height: image.height });
    }
  }
  return result;
}

/** An in-memory bank of random hashes, scanned word by word as hash-bank.ts scans its own. */
function memoryBank(count: number) {
  const words = new Uint32Array(count * 8);
  for (let index = 0; index < words.length; index++)
    words[index] = Math.floor(random() * 0x1_0000_0000);
  const popcount = (value: number) => {
    let v = value - ((value >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  };
  return {
    async match(hash: string, maxDistance: number): Promise<BankMatch | null> {
      const query = new Uint32Array(8);
      for (let word = 0; word < 8; word++)
        query[word] = Number.parseInt(hash.slice(word * 8, word * 8 + 8), 16);
      let best = -1;
      let bestDistance = maxDistance + 1;
      for (let entry = 0; entry < count; entry++) {
        let distance = 0;
        for (let word = 0; word < 8 && distance < bestDistance; word++)
          distance += popcount((words[entry * 8 + word]! ^ query[word]!) >>> 0);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = entry;
        }
      }
      if (best < 0) return null;
      return {
        hash: [...words.slice(best * 8, best * 8 + 8)]
          .map((word) => word.toString(16).padStart(8, '0'))
          .join(''),
        distance: bestDistance,
        source: 'imported',
        listName: 'bench',
        decisionId: null,
        caseId: null,
      };
    },
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main() {
  const set = await pictures();
  const policy = loadDefaultPolicy();
  const checkers: MediaChecker[] = [
    createOcrChecker({ rules: shippedRulesProvider }),
    createExplicitChecker({ policy: async () => policy }),
    createHashChecker({ bank: memoryBank(BANK) }),
  ];
  const rssBefore = process.memoryUsage().rss;
  // Load every model (and the second OCR engine: the warm-up picture has Hangul) off the clock.
  const warm = set.find((picture) => picture.kind === 'text (Hangul/kana)') ?? set[0]!;
  const loadStarted = performance.now();
  for (const checker of checkers)
    await checker.check({
      bytes: warm.bytes,
      width: warm.width,
      height: warm.height,
      ownerId: 'b',
    });
  const loadMs = performance.now() - loadStarted;
  const rssLoaded = process.memoryUsage().rss;

  const wall: number[] = [];
  const cpu: number[] = [];
  const perChecker = new Map<string, number[]>(checkers.map((checker) => [checker.name, []]));
  const perKind = new Map<string, number[]>();
  let flagged = 0;
  for (const picture of set) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    let findings = 0;
    for (const checker of checkers) {
      const checkerStarted = performance.now();
      const found = await checker.check({
        bytes: picture.bytes,
        width: picture.width,
        height: picture.height,
        ownerId: 'bench',
      });
      findings += found.length;
      perChecker.get(checker.name)!.push(performance.now() - checkerStarted);
    }
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpuStarted);
    wall.push(elapsed);
    cpu.push((used.user + used.system) / 1000);
    const kind = perKind.get(picture.kind) ?? [];
    kind.push(elapsed);
    perKind.set(picture.kind, kind);
    if (findings > 0) flagged++;
  }
  const rssEnd = process.memoryUsage().rss;

  const out = [
    `- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${mib(totalmem())}, Node ${process.version}, load ${loadavg()[0]!.toFixed(2)} at the end`,
    `- Set: seed ${SEED}, ${set.length} pictures (${set.filter((p) => p.kind.startsWith('text')).length} text pictures at 1080 × 810/1080/1440, a third of them with Hangul or kana; the rest generated innocent pictures), hash bank of ${BANK} hashes`,
    `- Models loaded (and warmed) in ${ms(loadMs)}; RSS ${mib(rssBefore)} before, ${mib(rssLoaded)} after loading, ${mib(rssEnd)} at the end`,
    `- Pictures with any finding: ${flagged} of ${set.length} (every picture is innocent)`,
    '',
    '| per picture | p50 | p95 | max |',
    '| --- | --- | --- | --- |',
    `| **all three checks, wall** | **${ms(percentile(wall, 50))}** | **${ms(percentile(wall, 95))}** | ${ms(Math.max(...wall))} |`,
    `| all three checks, CPU (all threads) | ${ms(percentile(cpu, 50))} | ${ms(percentile(cpu, 95))} | ${ms(Math.max(...cpu))} |`,
    ...[...perChecker.entries()].map(
      ([name, times]) =>
        `| ${name}, wall | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} | ${ms(Math.max(...times))} |`,
    ),
    ...[...perKind.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([kind, times]) =>
          `| ${kind} (${times.length}), wall | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} | ${ms(Math.max(...times))} |`,
      ),
  ];
  console.log(out.join('\n'));
}

await main();
await closeOcrEngine();
