/**
 * Public profanity and slur lists from npm, loaded as they ship: no term is edited, removed or
 * excepted. This is the lexicon an operator gets by installing the common lists, and nothing in
 * it was chosen by this project. Duplicates (same language, same term) are merged; an entry that
 * is empty after trimming is counted and left out (the compiler rejects empty terms).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { profanities as profanitiesEn } from 'profanities';
import { profanities as profanitiesArLatn } from 'profanities/ar-latn';
import { profanities as profanitiesEs } from 'profanities/es';
import { profanities as profanitiesFr } from 'profanities/fr';
import { profanities as profanitiesIt } from 'profanities/it';
import { profanities as profanitiesPtPt } from 'profanities/pt-pt';
import type { LexiconEntry } from '../../packages/safety/src/index.js';

const require = createRequire(import.meta.url);
const MODULES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules');

function packageJson(name: string): { version: string; license?: string } {
  return JSON.parse(readFileSync(join(MODULES, name, 'package.json'), 'utf8'));
}

/**
 * `profanities` declares `./pt-br` in its exports but ships the file as `pt.js`, so the export
 * cannot be imported; the list is read from the file (its body is one array of quoted words).
 */
function profanitiesPtBr(): string[] {
  const source = readFileSync(join(MODULES, 'profanities', 'pt.js'), 'utf8');
  const body = source.slice(source.indexOf('['), source.lastIndexOf(']') + 1);
  return JSON.parse(body.replace(/'/g, '"').replace(/,\s*]$/, ']')) as string[];
}

export interface PublicTerm {
  term: string;
  /** The list's language, reduced to its primary subtag (`fr-CA-…` → `fr`), except `ar-Latn`. */
  lang: string;
  sources: string[];
}

export interface LexiconSourceInfo {
  name: string;
  license: string;
  languages: string[];
  shipped: number;
}

export interface PublicLexicon {
  terms: PublicTerm[];
  sources: LexiconSourceInfo[];
  /** Entries as an operator would write them: every term, category `harassment`, no `match`. */
  entries: LexiconEntry[];
  empty: number;
}

function versionOf(name: string): string {
  return `${name} ${packageJson(name).version}`;
}

function licenseOf(name: string): string {
  return packageJson(name).license ?? '?';
}

function primary(lang: string): string {
  if (lang === 'ar-latn') return 'ar-Latn';
  return lang.split('-')[0]!.toLowerCase();
}

/** Every list, by package and language, exactly as the package exports it. */
function rawLists(): { pkg: string; lang: string; words: readonly string[] }[] {
  const lists: { pkg: string; lang: string; words: readonly string[] }[] = [];
  // LDNOOBW (List of Dirty, Naughty, Obscene and Otherwise Bad Words), one JSON per language.
  const naughty = require('naughty-words') as Record<string, string[]>;
  for (const [lang, words] of Object.entries(naughty))
    lists.push({ pkg: 'naughty-words', lang, words });
  // @2toad/profanity: its data module is a Map of language → words.
  const toad = require('@2toad/profanity/dist/data/profane-words.js') as {
    profaneWords: Map<string, string[]>;
  };
  for (const [lang, words] of toad.profaneWords)
    lists.push({ pkg: '@2toad/profanity', lang, words });
  const wooorm: [string, readonly string[]][] = [
    ['en', profanitiesEn],
    ['ar-latn', profanitiesArLatn],
    ['es', profanitiesEs],
    ['fr', profanitiesFr],
    ['it', profanitiesIt],
    ['pt-br', profanitiesPtBr()],
    ['pt-pt', profanitiesPtPt],
  ];
  for (const [lang, words] of wooorm) lists.push({ pkg: 'profanities', lang, words });
  lists.push({
    pkg: 'badwords-list',
    lang: 'en',
    words: (require('badwords-list') as { array: string[] }).array,
  });
  lists.push({
    pkg: 'french-badwords-list',
    lang: 'fr',
    words: (require('french-badwords-list') as { array: string[] }).array,
  });
  lists.push({
    pkg: 'russian-bad-words',
    lang: 'ru',
    words: (require('russian-bad-words') as { flatWords: string[] }).flatWords,
  });
  lists.push({
    pkg: 'leo-profanity',
    lang: 'en',
    words: require('leo-profanity/dictionary/default.json') as string[],
  });
  return lists;
}

let cached: PublicLexicon | undefined;

export function loadPublicLexicon(): PublicLexicon {
  if (cached) return cached;
  const byKey = new Map<string, PublicTerm>();
  const sources = new Map<string, LexiconSourceInfo>();
  let empty = 0;
  for (const { pkg, lang: rawLang, words } of rawLists()) {
    const lang = primary(rawLang);
    const label = versionOf(pkg);
    const info = sources.get(label) ?? {
      name: label,
      license: licenseOf(pkg),
      languages: [],
      shipped: 0,
    };
    sources.set(label, info);
    if (!info.languages.includes(lang)) info.languages.push(lang);
    for (const word of words) {
      info.shipped++;
      if (typeof word !== 'string' || word.trim() === '') {
        empty++;
        continue;
      }
      const key = `${lang}\u0000${word}`;
      const known = byKey.get(key);
      if (known) {
        if (!known.sources.includes(pkg)) known.sources.push(pkg);
      } else byKey.set(key, { term: word, lang, sources: [pkg] });
    }
  }
  const terms = [...byKey.values()];
  const entries: LexiconEntry[] = terms.map((t) => ({
    term: t.term,
    category: 'harassment',
    severity: 'medium',
    lang: t.lang,
  }));
  cached = { terms, sources: [...sources.values()], entries, empty };
  return cached;
}

/** Languages of the public lexicon with their term counts, most terms first. */
export function languagesOf(lexicon: PublicLexicon): [string, number][] {
  const counts = new Map<string, number>();
  for (const t of lexicon.terms) counts.set(t.lang, (counts.get(t.lang) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}
