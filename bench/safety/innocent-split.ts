/**
 * Why an innocent passage was flagged. Each flagged passage is put in one class, looking at the
 * lexicon's terms in the passage after simple lowercasing (no folding, no disguise handling):
 *
 * - `own-language word`: a term of the passage's own language stands there as a whole word. The
 *   text really uses the word: a true hit, not counted as a false positive.
 * - `other-language word`: a term of another language stands there as a whole word
 *   (`puta` in a Māori text).
 * - `embedded`: a term is there only inside a longer word (`ass` in `class`, 大麻 in 大麻雀).
 * - `no term present`: no term occurs in the passage even as a substring; the match was
 *   manufactured by folding (leetspeak, look-alikes, pinyin, separators skipped…).
 *
 * Word boundaries come from `Intl.Segmenter` (word granularity) in the passage's language, which
 * splits Chinese, Japanese and Thai with ICU's dictionaries.
 */
import type { PublicTerm } from './public-lexicons.js';

export const SPLIT_CLASSES = [
  'own-language word',
  'other-language word',
  'embedded',
  'no term present',
] as const;
export type SplitClass = (typeof SPLIT_CLASSES)[number];

export interface SplitIndex {
  /** Lowercased term → primary subtags of the lists it is in. */
  langs: Map<string, Set<string>>;
  /** Lowercased terms by their first two UTF-16 units (one for one-unit terms). */
  buckets: Map<string, string[]>;
}

export function splitIndex(terms: readonly PublicTerm[]): SplitIndex {
  const langs = new Map<string, Set<string>>();
  for (const t of terms) {
    const key = t.term.toLowerCase();
    const set = langs.get(key) ?? new Set<string>();
    set.add(t.lang.split('-')[0]!.toLowerCase());
    langs.set(key, set);
  }
  const buckets = new Map<string, string[]>();
  for (const term of langs.keys()) {
    const key = term.slice(0, 2);
    const list = buckets.get(key) ?? [];
    list.push(term);
    buckets.set(key, list);
  }
  return { langs, buckets };
}

/** Every occurrence of a lowercased term in `lower`, in text order. */
function occurrences(lower: string, index: SplitIndex): { term: string; at: number }[] {
  const found: { term: string; at: number }[] = [];
  for (let at = 0; at < lower.length; at++) {
    // One-unit terms are their own key; longer terms are keyed by their first two units.
    for (const term of index.buckets.get(lower[at]!) ?? []) found.push({ term, at });
    if (at + 1 === lower.length) break;
    for (const term of index.buckets.get(lower.slice(at, at + 2)) ?? []) {
      if (lower.startsWith(term, at)) found.push({ term, at });
    }
  }
  return found;
}

const segmenters = new Map<string, Intl.Segmenter>();

function boundaries(text: string, lang: string): Set<number> {
  let segmenter = segmenters.get(lang);
  if (!segmenter) {
    try {
      segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
    } catch {
      segmenter = new Intl.Segmenter('und', { granularity: 'word' });
    }
    segmenters.set(lang, segmenter);
  }
  const set = new Set<number>([text.length]);
  for (const s of segmenter.segment(text)) {
    set.add(s.index);
    set.add(s.index + s.segment.length);
  }
  return set;
}

/** The class of a flagged passage written in `lang` (a primary subtag), and the term behind it. */
export function splitFlagged(
  text: string,
  lang: string,
  index: SplitIndex,
): { kind: SplitClass; term?: string } {
  const lower = text.toLowerCase();
  let bounds: Set<number> | undefined;
  let other: string | undefined;
  let embedded: string | undefined;
  for (const { term, at } of occurrences(lower, index)) {
    bounds ??= boundaries(lower, lang);
    if (bounds.has(at) && bounds.has(at + term.length)) {
      if (index.langs.get(term)!.has(lang)) return { kind: 'own-language word', term };
      other ??= term;
    } else embedded ??= term;
  }
  if (other !== undefined) return { kind: 'other-language word', term: other };
  if (embedded !== undefined) return { kind: 'embedded', term: embedded };
  return { kind: 'no term present' };
}

const RANK: Record<SplitClass, number> = {
  'own-language word': 0,
  'other-language word': 1,
  embedded: 2,
  'no term present': 3,
};

/**
 * The same classes judged from the spans a detector reports (ours reports them), one match at
 * a time: the span's text, lowercased, is a term at word boundaries (own or other language),
 * a term inside a longer word (`embedded`), or not a term at all — folding made it one
 * (`no term present`: `di` read as `dl`, `7` as `柒`). The passage takes the first class in that
 * order among its matches.
 */
export function splitSpans(
  text: string,
  lang: string,
  spans: readonly { start: number; end: number; term: string }[],
  index: SplitIndex,
): { kind: SplitClass; term: string; span: string } {
  let best: { kind: SplitClass; term: string; span: string } | undefined;
  let bounds: Set<number> | undefined;
  for (const m of spans) {
    const span = text.slice(m.start, m.end);
    const lower = span.toLowerCase();
    let kind: SplitClass;
    const langs = index.langs.get(lower);
    if (!langs) kind = 'no term present';
    else {
      bounds ??= boundaries(text, lang);
      if (!(bounds.has(m.start) && bounds.has(m.end))) kind = 'embedded';
      else kind = langs.has(lang) ? 'own-language word' : 'other-language word';
    }
    if (!best || RANK[kind] < RANK[best.kind]) best = { kind, term: m.term, span };
  }
  return best ?? { kind: 'no term present', term: '?', span: '' };
}
