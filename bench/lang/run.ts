/**
 * Language detection and translation benchmark. Detection: accuracy on UDHR snippets of 20, 40
 * and 100+ characters in 37 languages and on social-style posts, throughput on one core, load
 * time and memory — for each candidate model, alone and inside @atrium/lang's detector (script
 * analysis for Han, Kana and Hangul, the model for the rest). Translation: latency of the raw
 * Apertium engine (no cache: the translation cache lives in the server). Deterministic inputs;
 * prints Markdown for bench/RESULTS.md.
 *
 *   taskset -c 0 npx tsx bench/lang/run.ts          (--quick for a short smoke run,
 *                                                    --no-translation to skip Apertium)
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import {
  ApertiumEngine,
  baseLanguage,
  detectLanguage,
  type LanguageModel,
} from '../../packages/lang/src/index.js';
import { CANDIDATE_NAMES, type Candidate, type CandidateName, loadCandidate } from './models.js';
import { MIXED_ZH_EN, SOCIAL_POSTS, UNDETERMINED } from './social.js';
import { type LabelledText, udhrParagraphs, udhrSnippets } from './udhr.js';

const quick = process.argv.includes('--quick');
const throughputOf = process.argv[process.argv.indexOf('--throughput') + 1] as CandidateName;
const translation = !process.argv.includes('--no-translation');
const PER_LANGUAGE = quick ? 10 : 60;
const LENGTHS = [20, 40, 100] as const;

function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

type Detector = (text: string) => string;

/** The full detector with a given model. */
function pipeline(model: LanguageModel): Detector {
  return (text) => detectLanguage(text, { model }).lang;
}

/**
 * A model alone, on the whole text. Models say `zh` without a script, so here Chinese counts as
 * right for both zh-Hans and zh-Hant (lenient in their favour).
 */
function alone(model: LanguageModel): Detector {
  return (text) => {
    const lang = model(text).lang;
    return lang === '' ? 'und' : lang;
  };
}

function isRight(expected: string, got: string, lenientChinese: boolean): boolean {
  if (got === expected) return true;
  return lenientChinese && got === 'zh' && baseLanguage(expected) === 'zh';
}

function accuracy(detect: Detector, cases: readonly LabelledText[], lenient = false): number {
  let right = 0;
  for (const { lang, text } of cases) if (isRight(lang, detect(text), lenient)) right++;
  return right / cases.length;
}

function loadFootprint(candidate: Candidate): { ms: number; heapMb: number; rssMb: number } {
  const script = `
    const before = process.memoryUsage();
    const start = performance.now();
    ${candidate.loadSnippet}
    const ms = performance.now() - start;
    globalThis.gc?.();
    const after = process.memoryUsage();
    console.log(JSON.stringify({ ms, heapMb: (after.heapUsed - before.heapUsed) / 1e6, rssMb: after.rss / 1e6 }));
  `;
  const output = execFileSync(
    process.execPath,
    ['--expose-gc', '--input-type=module', '-e', script],
    { encoding: 'utf8' },
  );
  return JSON.parse(output) as { ms: number; heapMb: number; rssMb: number };
}

function throughput(detect: Detector, texts: readonly string[], rounds: number): number {
  for (const text of texts) detect(text);
  const start = cpuMs();
  for (let round = 0; round < rounds; round++) for (const text of texts) detect(text);
  const seconds = (cpuMs() - start) / 1000;
  return (texts.length * rounds) / seconds;
}

/** The texts throughput is measured on: every UDHR snippet and every social post. */
function throughputTexts(): string[] {
  return [
    ...LENGTHS.flatMap((length) => udhrSnippets(length, PER_LANGUAGE)),
    ...Object.values(SOCIAL_POSTS)
      .flat()
      .map((text) => ({ text })),
  ].map(({ text }) => text);
}

/**
 * Throughput in a fresh process holding only one model: with several eld databases loaded in one
 * process, each runs markedly slower than it does alone, as it would in the server.
 */
function measureThroughput(name: CandidateName): { pipeline: number; alone: number } {
  const output = execFileSync(
    process.execPath,
    [...process.execArgv, process.argv[1]!, '--throughput', name, ...(quick ? ['--quick'] : [])],
    { encoding: 'utf8' },
  );
  return JSON.parse(output) as { pipeline: number; alone: number };
}

async function throughputChild(name: CandidateName): Promise<void> {
  const candidate = await loadCandidate(name);
  const texts = throughputTexts();
  const rounds = quick ? 1 : 5;
  const rates = {
    pipeline: throughput(pipeline(candidate.model), texts, rounds),
    alone: throughput(alone(candidate.model), texts, rounds),
  };
  process.stdout.write(JSON.stringify(rates));
}

async function main(): Promise<void> {
  console.log('# Language detection and translation benchmark\n');
  console.log(`- date: ${new Date().toISOString()}`);
  console.log(
    `- node: ${process.version}; cpu: ${cpus()[0]?.model ?? '?'} (${cpus().length} cores)`,
  );
  console.log(
    `- load average at start: ${loadavg()
      .map((v) => v.toFixed(2))
      .join(', ')}`,
  );

  const udhr = Object.fromEntries(
    LENGTHS.map((length) => [length, udhrSnippets(length, PER_LANGUAGE)]),
  ) as Record<(typeof LENGTHS)[number], LabelledText[]>;
  const social: LabelledText[] = Object.entries(SOCIAL_POSTS).flatMap(([lang, posts]) =>
    posts.map((text) => ({ lang, text })),
  );
  const mixed: LabelledText[] = MIXED_ZH_EN.map((text) => ({ lang: 'zh-Hans', text }));
  const empty: LabelledText[] = UNDETERMINED.map((text) => ({ lang: 'und', text }));
  const languages = [...new Set(udhr[40].map(({ lang }) => lang))];
  console.log(
    `- inputs: UDHR snippets in ${languages.length} languages (${udhr[20].length} of 20, ${udhr[40].length} of 40, ${udhr[100].length} of 100+ characters); ${social.length} social posts in ${Object.keys(SOCIAL_POSTS).length} languages; ${mixed.length} mixed zh/en posts; ${empty.length} texts without language`,
  );

  const candidates: Candidate[] = [];
  for (const name of CANDIDATE_NAMES) candidates.push(await loadCandidate(name));
  const rates = new Map(CANDIDATE_NAMES.map((name) => [name, measureThroughput(name)]));

  console.log('\n## Accuracy of the full detector (script analysis + model)\n');
  console.log(
    '| model | UDHR 20 | UDHR 40 | UDHR 100+ | social | mixed zh/en | und | texts/s (1 core) |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const candidate of candidates) {
    const detect = pipeline(candidate.model);
    const cells = [
      ...LENGTHS.map((length) => accuracy(detect, udhr[length])),
      accuracy(detect, social),
      accuracy(detect, mixed),
      accuracy(detect, empty),
    ].map((value) => `${(100 * value).toFixed(1)}%`);
    const rate = rates.get(candidate.name as CandidateName)!.pipeline;
    console.log(
      `| ${candidate.name} | ${cells.join(' | ')} | ${Math.round(rate).toLocaleString('en-US')} |`,
    );
  }

  console.log('\n## Accuracy of each model alone (Chinese counted right without the script)\n');
  console.log(
    '| model | UDHR 20 | UDHR 40 | UDHR 100+ | social | mixed zh/en | texts/s (1 core) | load | heap | RSS |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const candidate of candidates) {
    const detect = alone(candidate.model);
    const cells = [
      ...LENGTHS.map((length) => accuracy(detect, udhr[length], true)),
      accuracy(detect, social, true),
      accuracy(detect, mixed, true),
    ].map((value) => `${(100 * value).toFixed(1)}%`);
    const rate = rates.get(candidate.name as CandidateName)!.alone;
    const footprint = loadFootprint(candidate);
    console.log(
      `| ${candidate.name} | ${cells.join(' | ')} | ${Math.round(rate).toLocaleString('en-US')} | ${Math.round(footprint.ms)} ms | ${Math.round(footprint.heapMb)} MB | ${Math.round(footprint.rssMb)} MB |`,
    );
  }

  const chosen = candidates[0]!;
  const detect = pipeline(chosen.model);
  console.log(`\n## Per language, full detector with ${chosen.name}\n`);
  console.log('| language | UDHR 20 | UDHR 40 | UDHR 100+ | social | most frequent error |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const lang of languages) {
    const errors = new Map<string, number>();
    const cells = LENGTHS.map((length) => {
      const cases = udhr[length].filter((item) => item.lang === lang);
      let right = 0;
      for (const { text } of cases) {
        const got = detect(text);
        if (got === lang) right++;
        else errors.set(got, (errors.get(got) ?? 0) + 1);
      }
      return percent(right, cases.length);
    });
    const posts = social.filter((item) => item.lang === lang);
    const socialCell =
      posts.length === 0
        ? '—'
        : percent(posts.filter(({ text }) => detect(text) === lang).length, posts.length);
    const worst = [...errors].sort((a, b) => b[1] - a[1])[0];
    console.log(
      `| ${lang} | ${cells.join(' | ')} | ${socialCell} | ${worst ? `${worst[0]} (${worst[1]})` : ''} |`,
    );
  }
  const missed = [...social, ...mixed, ...empty].filter(({ lang, text }) => detect(text) !== lang);
  if (missed.length > 0) {
    console.log(`\nSocial, mixed and und texts the detector got wrong (${missed.length}):\n`);
    for (const { lang, text } of missed)
      console.log(`- expected ${lang}, got ${detect(text)}: ${text}`);
  }

  if (translation) await benchmarkApertium();
  console.log(
    `\n- load average at end: ${loadavg()
      .map((v) => v.toFixed(2))
      .join(', ')}`,
  );
}

/** Per-call latency of the raw engine: no cache, each text translated for the first time. */
async function benchmarkApertium(): Promise<void> {
  console.log('\n## Apertium latency (raw engine, no cache)\n');
  const sentences = (file: string, extra: readonly string[]): string[] => [
    ...extra,
    ...udhrParagraphs(file)
      .flatMap((paragraph) => paragraph.split(/(?<=[.;])\s+/))
      .filter((sentence) => sentence.length >= 20 && sentence.length <= 200),
  ];
  const directions = [
    { from: 'en', to: 'es', texts: sentences('eng', SOCIAL_POSTS.en ?? []) },
    { from: 'es', to: 'en', texts: sentences('spa', SOCIAL_POSTS.es ?? []) },
  ];
  console.log(
    '| direction | first call (starts the pipeline) | texts | p50 | p99 | mean | batches of 20: texts/s |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const { from, to, texts } of directions) {
    const engine = new ApertiumEngine();
    const unique = [...new Set(texts)].slice(0, quick ? 30 : 300);
    try {
      let start = performance.now();
      await engine.translate({ texts: ['Warm-up sentence.'], from, to });
      const startup = performance.now() - start;
      const latencies: number[] = [];
      for (const text of unique) {
        start = performance.now();
        await engine.translate({ texts: [text], from, to });
        latencies.push(performance.now() - start);
      }
      latencies.sort((a, b) => a - b);
      const mean = latencies.reduce((sum, value) => sum + value, 0) / latencies.length;
      start = performance.now();
      for (let index = 0; index < unique.length; index += 20) {
        await engine.translate({ texts: unique.slice(index, index + 20), from, to });
      }
      const batchRate = unique.length / ((performance.now() - start) / 1000);
      const ms = (value: number): string => `${value.toFixed(1)} ms`;
      console.log(
        `| ${from} → ${to} | ${ms(startup)} | ${unique.length} | ${ms(quantile(latencies, 0.5))} | ${ms(quantile(latencies, 0.99))} | ${ms(mean)} | ${Math.round(batchRate)} |`,
      );
    } finally {
      await engine.close();
    }
  }
}

if (process.argv.includes('--throughput')) await throughputChild(throughputOf);
else await main();
