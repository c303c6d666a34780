/**
 * Side-by-side benchmark of @atrium/safety and other JavaScript filters on one lexicon: recall
 * per disguise class, false positives on innocent multilingual text, throughput, build time
 * and memory. Deterministic (seeded); prints Markdown for bench/RESULTS.md.
 *
 *   npx tsx bench/safety/run.ts            (add --quick for a short smoke run)
 */
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  compileLexicon,
  type LexiconEntry,
  loadDefaultLexicon,
} from '../../packages/safety/src/index.js';
import { CHINESE_DISGUISES, CJK_DISGUISES, type Disguise, LATIN_DISGUISES } from './disguise.js';
import { loadUdhr, SCUNTHORPE_SENTENCES } from './innocent.js';
import { DETECTORS, type Detector, type DetectorFactory } from './peers.js';
import { Random } from './random.js';
import { syntheticLexicon } from './synthetic.js';
import { formatRate, throughput, timeIt } from './timing.js';

const quick = process.argv.includes('--quick');
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CARRIERS: Record<string, (x: string) => string> = {
  en: (x) => `I saw ${x} yesterday`,
  es: (x) => `Ayer vi ${x} en la calle`,
  pt: (x) => `Ontem vi ${x} na rua`,
  'zh-Hans': (x) => `今天看到${x}了`,
  'zh-Hant': (x) => `今天看到${x}了`,
  ja: (x) => `昨日${x}を見た`,
  ko: (x) => `어제 ${x} 봤어요`,
};

interface Case {
  disguise: string;
  lang: string;
  term: string;
  text: string;
}

function buildCases(entries: LexiconEntry[]): Case[] {
  const random = new Random(20260121);
  const cases: Case[] = [];
  const add = (disguise: string, entry: LexiconEntry, variant: string | undefined): void => {
    if (variant === undefined) return;
    const carrier = CARRIERS[entry.lang ?? 'en'] ?? CARRIERS.en!;
    cases.push({ disguise, lang: entry.lang ?? '?', term: entry.term, text: carrier(variant) });
  };
  for (const entry of entries) {
    if (entry.allow) continue;
    add(`plain (${entry.lang})`, entry, entry.term);
    const families: Record<string, Disguise>[] = [LATIN_DISGUISES, CJK_DISGUISES];
    if (entry.lang === 'zh-Hans') families.push(CHINESE_DISGUISES);
    for (const family of families) {
      for (const [name, disguise] of Object.entries(family))
        add(name, entry, disguise(entry.term, random));
    }
  }
  return cases;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** A retained-memory figure; negative when the collector freed more than the build kept. */
function memory(mb: number): string {
  return mb < 0 ? 'n/m' : mb.toFixed(1);
}

/** Heap plus typed-array memory retained by what `build` returns. */
function heapAfter(build: () => unknown): { value: unknown; mb: number } {
  const used = (): number => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  gc();
  const before = used();
  const value = build();
  gc();
  return { value, mb: (used() - before) / 1e6 };
}

function main(): void {
  const entries = loadDefaultLexicon();
  const cases = buildCases(entries);
  const udhr = loadUdhr();
  const notes = udhr.paragraphs;
  const noteBytes = notes.map((n) => Buffer.byteLength(n, 'utf8'));
  const corpusMb = noteBytes.reduce((a, b) => a + b, 0) / 1e6;
  const windowMs = quick ? 100 : 600;

  console.log(`# Safety benchmark\n`);
  console.log(`- date: ${new Date().toISOString()}`);
  console.log(
    `- node: ${process.version}; cpu: ${cpus()[0]?.model ?? '?'} (${cpus().length} cores available, one thread used)`,
  );
  // Other work on the machine skews timings: the load is printed before and after the run.
  console.log(
    `- load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  console.log(
    `- lexicon: ${entries.filter((e) => !e.allow).length} terms + ${entries.filter((e) => e.allow).length} exceptions in ${new Set(entries.map((e) => e.lang)).size} languages; ${cases.length} disguised cases`,
  );
  console.log(
    `- innocent text: ${SCUNTHORPE_SENTENCES.length} Scunthorpe-style sentences; UDHR: ${notes.length} paragraphs in ${udhr.languages} languages (${corpusMb.toFixed(2)} MB)\n`,
  );

  const detectors: { detector: Detector; build: string; heapMb: number }[] = [];
  for (const factory of DETECTORS) {
    const built = heapAfter(() => timeIt(() => factory(entries)));
    const { value, ms, wallMs } = built.value as { value: Detector; ms: number; wallMs: number };
    detectors.push({
      detector: value,
      build: `${ms.toFixed(1)} (${wallMs.toFixed(1)})`,
      heapMb: built.mb,
    });
  }

  // Carriers alone must be clean, or recall would count the carrier.
  for (const { detector } of detectors) {
    for (const [lang, carrier] of Object.entries(CARRIERS)) {
      if (detector.detect(carrier('')) || detector.detect(carrier('xyz'))) {
        console.log(`> note: ${detector.name} flags the empty ${lang} carrier`);
      }
    }
  }

  const classes = [...new Set(cases.map((c) => c.disguise))];
  const header = `| class | cases | ${detectors.map((d) => d.detector.name).join(' | ')} |`;
  console.log('## Recall per disguise class\n');
  console.log(header);
  console.log(`|---|---:|${detectors.map(() => '---:').join('|')}|`);
  const misses: string[] = [];
  for (const name of classes) {
    const inClass = cases.filter((c) => c.disguise === name);
    const cells = detectors.map(({ detector }, index) => {
      let hits = 0;
      for (const item of inClass) {
        if (detector.detect(item.text)) hits++;
        else if (index === 0) misses.push(`${name}: ${item.term} → ${item.text}`);
      }
      return percent(hits, inClass.length);
    });
    console.log(`| ${name} | ${inClass.length} | ${cells.join(' | ')} |`);
  }
  if (misses.length > 0) {
    console.log(`\n@atrium/safety misses (${misses.length}):\n`);
    for (const miss of misses.slice(0, 40)) console.log(`- ${miss}`);
  }

  console.log('\n## False positives on innocent text\n');
  console.log(`| text | units | ${detectors.map((d) => d.detector.name).join(' | ')} |`);
  console.log(`|---|---:|${detectors.map(() => '---:').join('|')}|`);
  const flagged: string[] = [];
  const fpRow = (label: string, texts: readonly string[]): void => {
    const cells = detectors.map(({ detector }, index) => {
      let count = 0;
      for (const text of texts) {
        if (detector.detect(text)) {
          count++;
          if (index === 0) flagged.push(text);
        }
      }
      return percent(count, texts.length);
    });
    console.log(`| ${label} | ${texts.length} | ${cells.join(' | ')} |`);
  };
  fpRow('Scunthorpe-style sentences', SCUNTHORPE_SENTENCES);
  fpRow(`UDHR paragraphs, ${udhr.languages} languages`, notes);
  if (flagged.length > 0) {
    console.log(`\n@atrium/safety flagged (${flagged.length}):\n`);
    const atriumMatcher = compileLexicon(entries);
    for (const text of flagged.slice(0, 30)) {
      const found = atriumMatcher
        .scan(text)
        .map((m) => `${m.term}=${JSON.stringify(text.slice(m.start, m.end))}`);
      console.log(`- ${found.join(', ')} in: ${text.slice(0, 80).replace(/\n/g, ' ')}`);
    }
  }

  console.log('\n## Speed and memory, shipped lexicon\n');
  console.log(
    '| library | build, CPU ms (wall) | memory retained (MB) | throughput on UDHR, MB per CPU s (per wall s) |',
  );
  console.log('|---|---:|---:|---:|');
  for (const { detector, build, heapMb } of detectors) {
    const mbps = formatRate(throughput(detector.detect, notes, windowMs, 5));
    console.log(`| ${detector.name} | ${build} | ${memory(heapMb)} | ${mbps} |`);
  }

  const big = [...entries, ...syntheticLexicon(100_000 - entries.length, 4242)];
  console.log(`\n## 100,000 terms (${big.length} entries: shipped + synthetic)\n`);
  console.log(
    '| library | build, CPU ms (wall) | memory retained (MB) | throughput on UDHR, MB per CPU s (per wall s) |',
  );
  console.log('|---|---:|---:|---:|');
  // leo-profanity's add() checks every new word against its whole list: 100,000 words do not
  // finish in minutes, so it sits this table out.
  const factories: DetectorFactory[] = quick ? DETECTORS.slice(0, 2) : DETECTORS.slice(0, 4);
  for (const [index, factory] of factories.entries()) {
    const built = heapAfter(() => timeIt(() => factory(big)));
    const { value, ms, wallMs } = built.value as { value: Detector; ms: number; wallMs: number };
    // Slow peers get one long window: a single paragraph can take them a long time here.
    const mbps =
      index === 0
        ? formatRate(throughput(value.detect, notes, windowMs, 5))
        : formatRate(throughput(value.detect, notes, windowMs * 3, 1));
    console.log(
      `| ${value.name} | ${ms.toFixed(0)} (${wallMs.toFixed(0)}) | ${memory(built.mb)} | ${mbps} |`,
    );
  }
  const rebuilds = [1, 2, 3, 4, 5].map(() => timeIt(() => compileLexicon(big)));
  const sorted = rebuilds.map((r) => r.ms).sort((a, b) => a - b);
  const walls = rebuilds.map((r) => r.wallMs).sort((a, b) => a - b);
  console.log(
    `\n@atrium/safety hot rebuild of ${big.length} entries (caches warm), 5 runs, CPU ms: ${rebuilds.map((r) => r.ms.toFixed(0)).join(', ')}; median ${sorted[2]!.toFixed(0)} ms CPU (${walls[2]!.toFixed(0)} ms wall)`,
  );
  console.log(
    `\nLoad average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  // The per-code-point fold tables are module state shared by every matcher.
  const tableMb = (0x110000 * (4 + 1)) / 1e6;
  console.log(
    `\nShared fold tables: ${tableMb.toFixed(1)} MB once per process, not counted above.`,
  );
}

main();
