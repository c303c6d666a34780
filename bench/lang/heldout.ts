/**
 * Accuracy of the detector on the held-out real-style posts (set A: heldout-posts.ts, committed
 * before the fixes; set B: heldout-posts-b.ts, written after them; set C: heldout-posts-c.ts,
 * written independently by a team member who did not build or tune the detector; set D:
 * heldout-posts-d.ts, written by another team member without seeing the detector or the other
 * sets; set E: heldout-posts-e.ts, written by another team member without seeing the detector,
 * its tuning data or sets A–D), per category and for posts of 25 characters or less, the `und`
 * rate, and throughput on these posts (CPU time, one core).
 * Prints Markdown for bench/RESULTS.md.
 *
 *   taskset -c 0 npx tsx bench/lang/heldout.ts     (--failures lists every wrong answer)
 *   taskset -c 0 npx tsx bench/lang/heldout.ts --set d --failures   (only the sets named: a,b,c,d,e;
 *                                                                     default a,b,c)
 */
import { cpus, loadavg } from 'node:os';
import { detectLanguage } from '../../packages/lang/src/index.js';
import { HELD_OUT_POSTS, type HeldOutPost } from './heldout-posts.js';
import { HELD_OUT_POSTS_B } from './heldout-posts-b.js';
import { HELD_OUT_POSTS_C } from './heldout-posts-c.js';
import { HELD_OUT_POSTS_D } from './heldout-posts-d.js';
import { HELD_OUT_POSTS_E } from './heldout-posts-e.js';

const SHORT = 25;

type Answer = HeldOutPost & { got: string };

function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}

function isShort(text: string): boolean {
  return [...text].length <= SHORT;
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

const right = (item: Answer): boolean => item.accept.includes(item.got);

function report(name: string, posts: readonly HeldOutPost[]): Answer[] {
  const answers = posts.map((item) => ({ ...item, got: detectLanguage(item.text).lang }));
  const short = answers.filter(({ text }) => isShort(text)).length;
  console.log(`### ${name}: ${answers.length} posts (${short} of ≤ ${SHORT} characters)\n`);
  console.log('| category | posts | right | ≤ 25 chars |');
  console.log('|---|---:|---:|---:|');
  const categories = [...new Set(answers.map(({ category }) => category))];
  for (const category of [...categories, 'all'] as const) {
    const cases =
      category === 'all' ? answers : answers.filter((item) => item.category === category);
    const shortCases = cases.filter(({ text }) => isShort(text));
    console.log(
      `| ${category} | ${cases.length} | ${percent(cases.filter(right).length, cases.length)} | ${percent(shortCases.filter(right).length, shortCases.length)} |`,
    );
  }
  const withLanguage = answers.filter(({ category }) => category !== 'no-language');
  const falseUnd = withLanguage.filter(
    ({ got, accept }) => got === 'und' && !accept.includes('und'),
  );
  console.log(
    `\nPosts with a language answered \`und\`: ${falseUnd.length} of ${withLanguage.length} (${percent(falseUnd.length, withLanguage.length)}).\n`,
  );
  return answers.filter((answer) => !right(answer));
}

console.log('## Held-out real-style posts\n');
console.log(`- date: ${new Date().toISOString()}`);
console.log(`- node: ${process.version}; cpu: ${cpus()[0]?.model ?? '?'} (${cpus().length} cores)`);
console.log(
  `- load average: ${loadavg()
    .map((value) => value.toFixed(2))
    .join(', ')}\n`,
);
const SETS: Record<string, readonly [string, readonly HeldOutPost[]]> = {
  a: ['Set A (committed before the fixes)', HELD_OUT_POSTS],
  b: ['Set B (written after the fixes, measured once)', HELD_OUT_POSTS_B],
  c: ['Set C (independent, measured once)', HELD_OUT_POSTS_C],
  d: ['Set D (written by another team member, measured once)', HELD_OUT_POSTS_D],
  e: ['Set E (written by another team member, measured once)', HELD_OUT_POSTS_E],
};
const setArgument = process.argv.indexOf('--set');
const chosen = (setArgument === -1 ? 'a,b,c' : (process.argv[setArgument + 1] ?? ''))
  .toLowerCase()
  .split(',')
  .filter(Boolean);
const unknown = chosen.filter((key) => !(key in SETS));
if (chosen.length === 0 || unknown.length > 0) {
  throw new Error(`--set takes a comma-separated list of ${Object.keys(SETS).join(', ')}`);
}
const sets = chosen.map((key) => SETS[key] as readonly [string, readonly HeldOutPost[]]);
const failures = sets.flatMap(([name, posts]) => report(name, posts));

const texts = sets.flatMap(([, posts]) => posts.map(({ text }) => text));
for (const text of texts) detectLanguage(text);
const rounds = 50;
const start = cpuMs();
for (let round = 0; round < rounds; round++) for (const text of texts) detectLanguage(text);
const rate = (texts.length * rounds) / ((cpuMs() - start) / 1000);
console.log(
  `Throughput on ${chosen.length === 1 ? 'set' : 'sets'} ${chosen.join(', ').toUpperCase()}: ${Math.round(rate).toLocaleString('en-US')} texts/s (CPU time, one core).`,
);

if (process.argv.includes('--failures')) {
  console.log('\nWrong answers:\n');
  for (const item of failures) {
    console.log(
      `- [${item.category}] expected ${item.accept.join('/')}, got ${item.got}: ${item.text}`,
    );
  }
}
