/**
 * Generates src/data/han-variants.generated.ts so the library itself never reads files: the Han
 * characters that tell Simplified Chinese, Traditional Chinese and Japanese apart, derived from the
 * OpenCC dictionaries shipped in `opencc-js` (Apache-2.0).
 *
 * A character counts as evidence for one script only when it is never written in the other:
 * - Simplified-only: OpenCC converts it to Traditional, and it appears nowhere on the Traditional
 *   side of OpenCC's phrase tables nor among the Taiwan and Hong Kong standard forms (so 后, 台,
 *   干, 里, 床 — also written in Traditional text, as in 皇后, 台灣 — are not evidence).
 * - Traditional-only: OpenCC converts it to Simplified, and it appears nowhere on the Simplified
 *   side of the phrase tables (so 乾, 著, 於 are not evidence).
 * - Japanese-only: a shinjitai form (気, 駅, 図) that is neither Simplified nor Traditional Chinese
 *   and appears in no Chinese phrase.
 * - Shinjitai shared with Simplified: a Simplified-only character that is also Japan's standard
 *   form (会, 体, 学, 国). Next to a Traditional-only character (会議, 体調, 東京大学) it is
 *   Japanese: Chinese text is written in one script or the other.
 *
 * Run with `npm run generate -w @atrium/lang`.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '..', 'src', 'data', 'han-variants.generated.ts');

type Entry = [string, ...string[]];

async function loadDictionary(name: string): Promise<Entry[]> {
  const module = (await import(`opencc-js/dict/${name}`)) as { default: string };
  return module.default.split('|').map((entry) => entry.split(' ') as Entry);
}

function isSingleCharacter(text: string): boolean {
  return [...text].length === 1;
}

const simplifiedToTraditional = await loadDictionary('STCharacters');
const traditionalToSimplified = await loadDictionary('TSCharacters');
const simplifiedPhrases = await loadDictionary('STPhrases');
const traditionalPhrases = await loadDictionary('TSPhrases');
const japaneseShinjitai = await loadDictionary('JPShinjitaiCharacters');
const regionalVariants = [
  ...(await loadDictionary('TWVariants')),
  ...(await loadDictionary('HKVariants')),
];

const traditionalSide = new Set<string>();
const simplifiedSide = new Set<string>();
for (const [simplified, ...traditional] of simplifiedPhrases) {
  for (const char of simplified) simplifiedSide.add(char);
  for (const phrase of traditional) for (const char of phrase) traditionalSide.add(char);
}
for (const [traditional, ...simplified] of traditionalPhrases) {
  for (const char of traditional) traditionalSide.add(char);
  for (const phrase of simplified) for (const char of phrase) simplifiedSide.add(char);
}

// OpenCC's Traditional is the classical standard; Taiwan and Hong Kong write some characters
// differently (牀 → 床), and those regional forms are Traditional too.
for (const [, ...regional] of regionalVariants) {
  for (const form of regional) for (const char of form) traditionalSide.add(char);
}

const toTraditional = new Map(simplifiedToTraditional.map(([from, to]) => [from, to]));
const toSimplified = new Map(traditionalToSimplified.map(([from, to]) => [from, to]));

const simplifiedOnly = simplifiedToTraditional
  .filter(([char, to]) => isSingleCharacter(char) && to !== char && !traditionalSide.has(char))
  .map(([char]) => char);
const traditionalOnly = traditionalToSimplified
  .filter(([char, to]) => isSingleCharacter(char) && to !== char && !simplifiedSide.has(char))
  .map(([char]) => char);
const japaneseOnly = japaneseShinjitai
  .filter(
    ([char, to]) =>
      isSingleCharacter(char) &&
      to !== char &&
      !toTraditional.has(char) &&
      !toSimplified.has(char) &&
      !simplifiedSide.has(char) &&
      !traditionalSide.has(char),
  )
  .map(([char]) => char);

const simplifiedOnlySet = new Set(simplifiedOnly);
const japaneseSimplified = japaneseShinjitai
  .filter(([char, to]) => isSingleCharacter(char) && to !== char && simplifiedOnlySet.has(char))
  .map(([char]) => char);

const sorted = (chars: string[]): string =>
  [...new Set(chars)].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).join('');

const body = `// generated — do not edit. Regenerate with \`npm run generate -w @atrium/lang\`.
// Source: opencc-js 1.4.2 (OpenCC dictionaries, Apache-2.0); see scripts/generate-data.ts.

/** ${simplifiedOnly.length} characters written only in Simplified Chinese. */
export const SIMPLIFIED_ONLY = ${JSON.stringify(sorted(simplifiedOnly))};

/** ${traditionalOnly.length} characters written only in Traditional Chinese. */
export const TRADITIONAL_ONLY = ${JSON.stringify(sorted(traditionalOnly))};

/** ${japaneseOnly.length} Japanese shinjitai characters used in neither Chinese script. */
export const JAPANESE_ONLY = ${JSON.stringify(sorted(japaneseOnly))};

/** ${japaneseSimplified.length} Simplified-only characters that are also Japanese shinjitai. */
export const JAPANESE_SIMPLIFIED = ${JSON.stringify(sorted(japaneseSimplified))};
`;
writeFileSync(target, body);
console.log(
  `wrote src/data/han-variants.generated.ts: ${simplifiedOnly.length} simplified, ${traditionalOnly.length} traditional, ${japaneseOnly.length} japanese, ${japaneseSimplified.length} shared by japanese and simplified`,
);
