/**
 * The shipped lexicons (see src/data/lexicon and the README for sources and licences).
 */
import { EN } from './data/lexicon/en.js';
import { ES } from './data/lexicon/es.js';
import { JA } from './data/lexicon/ja.js';
import { KO } from './data/lexicon/ko.js';
import { PT } from './data/lexicon/pt.js';
import type { LexiconSource } from './data/lexicon/source.js';
import { ZH_HANS } from './data/lexicon/zh-hans.js';
import { ZH_HANT } from './data/lexicon/zh-hant.generated.js';
import {
  CATEGORIES,
  type Category,
  type LexiconEntry,
  SEVERITIES,
  type Severity,
} from './types.js';

const SOURCES: readonly LexiconSource[] = [EN, ES, PT, JA, KO, ZH_HANS, ZH_HANT];

/** The languages of the shipped lexicons. */
export const DEFAULT_LEXICON_LANGUAGES: readonly string[] = SOURCES.map((source) => source.lang);

/** Parses one lexicon source text (`<category> <severity>: a | b`, `allow <category>: c`). */
export function parseLexiconSource(source: LexiconSource): LexiconEntry[] {
  const entries: LexiconEntry[] = [];
  for (const [lineIndex, rawLine] of source.text.split('\n').entries()) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    const head = line.slice(0, colon).trim().split(/\s+/);
    const allow = head[0] === 'allow';
    const category = (allow ? head[1] : head[0]) as Category;
    const severity = (allow ? 'low' : head[1]) as Severity;
    if (colon < 0 || !CATEGORIES.includes(category) || !SEVERITIES.includes(severity)) {
      throw new Error(`${source.lang} lexicon line ${lineIndex + 1} is malformed: ${line}`);
    }
    for (const raw of line.slice(colon + 1).split('|')) {
      const spelled = raw.trim();
      if (spelled === '') continue;
      const entry: LexiconEntry = {
        term: spelled.replace(/^[~=]/, ''),
        category,
        severity,
        lang: source.lang,
      };
      if (spelled.startsWith('~')) entry.match = 'substring';
      if (spelled.startsWith('=')) entry.match = 'word';
      if (allow) entry.allow = true;
      entries.push(entry);
    }
  }
  return entries;
}

/** All shipped lexicon entries (terms and exceptions) in every shipped language. */
export function loadDefaultLexicon(): LexiconEntry[] {
  return SOURCES.flatMap(parseLexiconSource);
}
