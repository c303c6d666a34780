/**
 * Recall cases for the public lexicon: every term (up to a cap per language and class, drawn
 * with a seeded shuffle) in every disguise class that applies to it, set inside a carrier.
 *
 * The carrier of a language is a short paragraph of its own UDHR text that no detector flags on
 * its own (so a hit is the term's); the disguised term goes in at the word boundary nearest the
 * middle, with spaces around it in scripts written with spaces, and without in Chinese, Japanese
 * and Thai. Languages without a UDHR text (Klingon, Arabic in Latin letters) use the English one.
 */
import { primaryOf, type UdhrLanguage } from './public-corpora.js';
import { PUBLIC_DISGUISES } from './public-disguises.js';
import type { PublicTerm } from './public-lexicons.js';
import { Random } from './random.js';

export interface RecallCase {
  lang: string;
  disguise: string;
  term: string;
  variant: string;
  text: string;
}

const UNSPACED = new Set(['zh', 'ja', 'th']);

export interface Carrier {
  lang: string;
  /** The paragraph itself, before a term is put in. */
  base: string;
  /** The UDHR text it came from (tag), or `en` for the fallback. */
  from: string;
  put(variant: string): string;
}

function makeCarrier(lang: string, from: string, text: string): Carrier {
  const segmenter = new Intl.Segmenter(from, { granularity: 'word' });
  const middle = text.length / 2;
  let best = 0;
  for (const s of segmenter.segment(text)) {
    if (s.index > 0 && Math.abs(s.index - middle) < Math.abs(best - middle)) {
      // In spaced scripts, cut only where a space starts or ends.
      if (!UNSPACED.has(primaryOf(from)) && text[s.index - 1] !== ' ' && text[s.index] !== ' ')
        continue;
      best = s.index;
    }
  }
  const head = text.slice(0, best);
  const tail = text.slice(best);
  const spaced = !UNSPACED.has(primaryOf(from));
  return {
    lang,
    base: text,
    from,
    put: (variant) =>
      spaced ? `${head.trimEnd()} ${variant} ${tail.trimStart()}` : `${head}${variant}${tail}`,
  };
}

/**
 * One carrier per language: among the paragraphs of 30–200 characters of that language's UDHR
 * that the detector under test does not flag, the first one that the fewest detectors flag
 * (`flags` counts them). A detector that still flags its carrier gets no recall figure for that
 * language.
 */
export function pickCarriers(
  langs: readonly string[],
  udhr: readonly UdhrLanguage[],
  clean: (text: string) => boolean,
  flags: (text: string) => number,
): Map<string, Carrier> {
  const pick = (tag: string): { from: string; text: string } | undefined => {
    let best: { from: string; text: string; flags: number } | undefined;
    for (const u of udhr) {
      if (primaryOf(u.tag) !== tag) continue;
      for (const text of u.paragraphs) {
        if (text.length < 30 || text.length > 200 || !clean(text)) continue;
        const count = flags(text);
        if (!best || count < best.flags) best = { from: u.tag, text, flags: count };
        if (count === 0) return best;
      }
    }
    return best;
  };
  const english = pick('en')!;
  const carriers = new Map<string, Carrier>();
  for (const lang of langs) {
    const found = pick(primaryOf(lang)) ?? english;
    carriers.set(lang, makeCarrier(lang, found.from, found.text));
  }
  return carriers;
}

/** The cases, deterministic for `seed`; at most `cap` terms per language and class. */
export function buildRecallCases(
  terms: readonly PublicTerm[],
  carriers: Map<string, Carrier>,
  cap: number,
  seed: number,
): RecallCase[] {
  const random = new Random(seed);
  const byLang = new Map<string, PublicTerm[]>();
  for (const t of terms) {
    const list = byLang.get(t.lang) ?? [];
    list.push(t);
    byLang.set(t.lang, list);
  }
  const cases: RecallCase[] = [];
  for (const [lang, list] of [...byLang].sort((a, b) => a[0].localeCompare(b[0]))) {
    const shuffled = [...list];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const carrier = carriers.get(lang)!;
    for (const [disguise, generate] of Object.entries(PUBLIC_DISGUISES)) {
      let count = 0;
      for (const t of shuffled) {
        if (count >= cap) break;
        const variant = generate(t.term, random);
        if (variant === undefined) continue;
        cases.push({ lang, disguise, term: t.term, variant, text: carrier.put(variant) });
        count++;
      }
    }
  }
  return cases;
}
