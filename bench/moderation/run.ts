/**
 * What the inline safety check adds to a write: the latency of `checkContent` (lexicon scan of
 * every field + policy decision + regional expansion) on 1,000-character notes, with the
 * shipped lexicons and default policy. Prints Markdown for bench/RESULTS.md.
 *
 *   npx tsx --conditions source bench/moderation/run.ts
 */
import { cpus, loadavg } from 'node:os';
import { checkContent } from '../../apps/server/src/modules/screening/content-check.js';
import { shippedRules } from '../../apps/server/src/modules/screening/safety-rules.js';

const ITERATIONS = 20_000;

function fill(seed: string, length: number): string {
  let text = '';
  while (text.length < length) text += seed;
  return text.slice(0, length);
}

const NOTES: Record<string, { title: string; body: string }> = {
  'English, clean': {
    title: 'Weekend in Lisbon',
    body: fill(
      'We walked along the river, ate pastries by the tram stop and watched the sunset from the old castle walls. ',
      1000,
    ),
  },
  'Chinese, clean': {
    title: '周末去了杭州',
    body: fill('今天和朋友去西湖边散步，喝了龙井茶，晚上看了音乐喷泉，真的太美了。', 1000),
  },
  'Mixed zh/en with #topics, clean': {
    title: 'TikTok refugee day 3',
    body: fill('第一次用小红书 #tiktokrefugee #cattax my cat says hi 猫猫很可爱 ', 1000),
  },
  'English, one cannabis term (withheld in CN)': {
    title: 'Dispensary haul',
    body: `${fill('Legal in California, so I tried a new shop today and the staff were lovely. ', 980)} weed`,
  },
  'Disguised terms (full-width, dotted, pinyin)': {
    title: 'ｗｅｅｄ and more',
    body: fill('c.a.n.n.a.b.i.s dama 大*麻 好东西 ', 1000),
  },
};

const rules = shippedRules();
const rows: string[] = [];
for (const [name, note] of Object.entries(NOTES)) {
  for (let index = 0; index < 2000; index += 1) checkContent(rules, note);
  const samples = new Float64Array(ITERATIONS);
  for (let index = 0; index < ITERATIONS; index += 1) {
    const started = performance.now();
    checkContent(rules, note);
    samples[index] = performance.now() - started;
  }
  samples.sort();
  const at = (q: number) => samples[Math.min(ITERATIONS - 1, Math.floor(q * ITERATIONS))]!;
  const outcome = checkContent(rules, note);
  rows.push(
    `| ${name} | ${note.title.length + note.body.length} | ${outcome.decision.action} | ${(at(0.5) * 1000).toFixed(0)} µs | ${(at(0.99) * 1000).toFixed(0)} µs | ${(at(0.999) * 1000).toFixed(0)} µs | ${(samples[ITERATIONS - 1]! * 1000).toFixed(0)} µs |`,
  );
}

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load ${loadavg()[0]!.toFixed(2)}`,
);
console.log(`Iterations per text: ${ITERATIONS}\n`);
console.log('| Note | Characters | Decision | p50 | p99 | p99.9 | max |');
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
