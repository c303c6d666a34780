import {
  compileLexicon,
  type LexiconEntry,
  type LexiconOverride,
  loadDefaultLexicon,
  type Match,
  type Matcher,
  type PolicyLexicon,
  type ScanOptions,
} from '@atrium/safety';
import { languageOf } from '../../lib/language-of.js';
import { canonicalJson } from '../staff/audit.js';

// The matcher of a policy version: the shipped lexicon with the version's overrides applied, plus
// its own entries. Compiling takes 0.1–0.5 s, so each distinct lexicon section is compiled once
// per process and shared by every version that carries it (most carry none: the shipped one).

const keyOf = (term: string, category: string) => `${category}\u0000${term}`;
const primary = (tag: string) => tag.split('-')[0]!.toLowerCase();

let shippedEntries: LexiconEntry[] | null = null;
let shippedMatcher: Matcher | null = null;
const compiled = new Map<string, Matcher>();
/** Distinct lexicon sections kept compiled; the active one and a few proposals are enough. */
const CACHE_SIZE = 4;

function shipped(): LexiconEntry[] {
  shippedEntries ??= loadDefaultLexicon();
  return shippedEntries;
}

/** The shipped lexicon, compiled once per process. */
export function sharedMatcher(): Matcher {
  shippedMatcher ??= compileLexicon(shipped());
  return shippedMatcher;
}

/** The languages a shipped term is written for (its entries' `lang`), lower-case primary tags. */
export function shippedLanguages(term: string, category: string): string[] {
  return [
    ...new Set(
      shipped()
        .filter((entry) => !entry.allow && entry.term === term && entry.category === category)
        .flatMap((entry) => (entry.lang ? [primary(entry.lang)] : [])),
    ),
  ];
}

/** Whether a policy lexicon section changes anything. */
function isEmpty(lexicon: PolicyLexicon | undefined): boolean {
  return (
    !lexicon || ((lexicon.entries?.length ?? 0) === 0 && (lexicon.overrides?.length ?? 0) === 0)
  );
}

/**
 * The overrides that name no shipped term (a typo would otherwise silently change nothing), as
 * problems on the document's paths.
 */
export function lexiconProblems(lexicon: PolicyLexicon | undefined) {
  const known = new Set(
    shipped()
      .filter((entry) => !entry.allow)
      .map((e) => keyOf(e.term, e.category)),
  );
  return (lexicon?.overrides ?? []).flatMap((override, index) =>
    known.has(keyOf(override.term, override.category))
      ? []
      : [
          {
            path: `/document/lexicon/overrides/${index}/term`,
            message: `no shipped ${override.category} term ${JSON.stringify(override.term)}`,
          },
        ],
  );
}

/** The shipped entries with the overrides applied, then the policy's own entries. */
function entriesOf(lexicon: PolicyLexicon): {
  entries: LexiconEntry[];
  langOf: Map<string, string>;
} {
  const overrides = new Map<string, LexiconOverride>();
  for (const override of lexicon.overrides ?? [])
    overrides.set(keyOf(override.term, override.category), override);
  const langOf = new Map<string, string>();
  const entries: LexiconEntry[] = [];
  for (const entry of shipped()) {
    const override = entry.allow ? undefined : overrides.get(keyOf(entry.term, entry.category));
    if (!override) {
      entries.push(entry);
      continue;
    }
    if (override.off) continue;
    const next = { ...entry };
    if (override.match) next.match = override.match;
    if (override.lang) {
      next.lang = override.lang;
      langOf.set(keyOf(entry.term, entry.category), override.lang);
    }
    entries.push(next);
  }
  entries.push(...(lexicon.entries ?? []));
  return { entries, langOf };
}

/**
 * Keeps a match of a term narrowed to a language only when the text is of that language. The
 * language is the caller's (`options.lang`) or detected here, and only when such a term fired;
 * text whose language cannot be told keeps the match (a narrowing must not open a hole in
 * content nobody can classify).
 */
function scopedToLanguage(inner: Matcher, langOf: Map<string, string>): Matcher {
  return {
    get size() {
      return inner.size;
    },
    scan(text: string, options?: ScanOptions): Match[] {
      const matches = inner.scan(text, options);
      if (!matches.some((match) => langOf.has(keyOf(match.term, match.category)))) return matches;
      const detected = options?.lang !== undefined ? options.lang : languageOf(text);
      if (!detected) return matches;
      return matches.filter((match) => {
        const lang = langOf.get(keyOf(match.term, match.category));
        return !lang || primary(lang) === primary(detected);
      });
    },
  };
}

/** The matcher for a policy's lexicon section, compiled once per distinct section. */
export function policyMatcher(lexicon: PolicyLexicon | undefined): Matcher {
  if (isEmpty(lexicon)) return sharedMatcher();
  const key = canonicalJson(JSON.parse(JSON.stringify(lexicon)));
  const cached = compiled.get(key);
  if (cached) {
    // most recently used last, so the oldest is the one evicted
    compiled.delete(key);
    compiled.set(key, cached);
    return cached;
  }
  const { entries, langOf } = entriesOf(lexicon!);
  const base = compileLexicon(entries);
  const matcher = langOf.size > 0 ? scopedToLanguage(base, langOf) : base;
  compiled.set(key, matcher);
  if (compiled.size > CACHE_SIZE) compiled.delete(compiled.keys().next().value!);
  return matcher;
}
