/**
 * Synthetic lexicon entries for the 100,000-term measurements: pronounceable Latin words and
 * Han-character compounds, deterministic for a seed.
 */
import { CATEGORIES, type LexiconEntry } from '../../packages/safety/src/index.js';
import { Random } from './random.js';

const ONSETS = [
  'b',
  'br',
  'k',
  'kr',
  'd',
  'dr',
  'f',
  'g',
  'gl',
  'h',
  'j',
  'l',
  'm',
  'n',
  'p',
  'pl',
  'qu',
  'r',
  's',
  'st',
  't',
  'tr',
  'v',
  'z',
  'sh',
  'ch',
  'th',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ea', 'io'];
const CODAS = ['', '', 'n', 'r', 's', 'x', 'm', 'k', 'l'];

/** `count` distinct entries: 70% Latin words of 2–4 syllables, 30% 2–4 character Han compounds. */
export function syntheticLexicon(count: number, seed: number): LexiconEntry[] {
  const random = new Random(seed);
  const seen = new Set<string>();
  const entries: LexiconEntry[] = [];
  while (entries.length < count) {
    let term = '';
    if (random.next() < 0.7) {
      const syllables = random.int(2, 4);
      for (let i = 0; i < syllables; i++)
        term += random.pick(ONSETS) + random.pick(VOWELS) + random.pick(CODAS);
    } else {
      const length = random.int(2, 4);
      for (let i = 0; i < length; i++) term += String.fromCharCode(0x4e00 + random.int(0, 0x51ff));
    }
    if (seen.has(term)) continue;
    seen.add(term);
    entries.push({
      term,
      category: random.pick(CATEGORIES),
      severity: 'medium',
      lang: /^[a-z]/.test(term) ? 'en' : 'zh-Hans',
    });
  }
  return entries;
}
