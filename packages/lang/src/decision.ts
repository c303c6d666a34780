import { baseLanguage, normalizeLanguageTag } from './languages.js';

/**
 * The evidence for the language a decision is taken in (moderation routing, language-scoped
 * terms, translation pair) when the content's own text may be too short or mixed to tell.
 */
export interface LanguageEvidence {
  /** The language detected on the content itself (`languageOf`), or null. */
  detected: string | null;
  /** Languages of the author's recent notes, newest first (null where unknown). */
  authorRecent?: readonly (string | null)[];
  /** The author's interface language (`accounts.locale`), or null. */
  accountLocale?: string | null;
}

// The author's notes speak for them only when enough of them agree.
const MIN_RECENT_AGREEING = 2;
const MIN_RECENT_SHARE = 0.6;

/**
 * The language to decide on (moderation routing, language-scoped terms, translation pair) when
 * detection alone may not tell: the content's own reliable language; else the language most of
 * the author's recent notes are in (at least 2 and 60% of those with a language); else the
 * author's interface language; else null — the widest choice: every moderator of the region, the
 * terms of every language, no translation pair. See docs/lang.md.
 */
export function decisionLanguage(evidence: LanguageEvidence): string | null {
  if (evidence.detected) return evidence.detected;
  const known = (evidence.authorRecent ?? []).filter((lang): lang is string => !!lang);
  const counts = new Map<string, number>();
  for (const lang of known) {
    const key = normalizeLanguageTag(lang);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [top] = [...counts].sort((a, b) => b[1] - a[1]);
  if (top && top[1] >= MIN_RECENT_AGREEING && top[1] / known.length >= MIN_RECENT_SHARE) {
    return top[0];
  }
  const locale = evidence.accountLocale ? normalizeLanguageTag(evidence.accountLocale) : 'und';
  return baseLanguage(locale) === 'und' ? null : locale;
}
