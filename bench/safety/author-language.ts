/**
 * The language the server decides a write in when the write's own language cannot be told:
 * `decisionLanguage` from @atrium/lang with the languages of the author's recent notes
 * (apps/server/src/modules/moderation/content-moderation.ts rescans such a write in it). A UDHR
 * translation stands in for one author: their "recent notes" are the first paragraphs of the same
 * translation other than the one scanned (at most 10, as the server reads at most 10 notes), each
 * detected on its own with the same reliability rule. No interface language is known here, so a
 * translation whose paragraphs do not agree falls back to null (every term applies), as on the
 * server for an author without a locale.
 */
import { decisionLanguage, detectLanguage } from '../../packages/lang/src/index.js';

/** How many of an author's notes the server reads (`RECENT_NOTES_FOR_LANGUAGE`). */
const RECENT = 10;

/** What @atrium/lang detects when it is reliable, else null (the server's `languageOf`). */
export function reliableLanguageOf(text: string): string | null {
  if (!text.trim()) return null;
  const { lang, reliable } = detectLanguage(text);
  return reliable ? lang : null;
}

/**
 * For one translation, a function from a paragraph's index to the language the server scans it
 * in: its own reliable language, else its "author's" (`decisionLanguage`).
 */
export function authorLanguages(
  paragraphs: readonly string[],
): (index: number, own: string | null) => string | null {
  const recent = paragraphs.slice(0, RECENT + 1).map(reliableLanguageOf);
  return (index, own) => {
    if (own) return own;
    const others = recent.filter((_, i) => i !== index).slice(0, RECENT);
    return decisionLanguage({ detected: null, authorRecent: others });
  };
}
