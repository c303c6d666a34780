import type { DbHandle } from '../../db/database.js';
import { decisionLanguage, languageOf } from '../../lib/language-of.js';
import { authorLanguageEvidence } from './cases.store.js';

/**
 * The language a case is routed by: detected in the content's own text; when that guess is too
 * weak (a short post, emoji, romanized text), the language most of the author's recent notes
 * are in, then their interface language; null sends the case to every moderator of the region.
 * The author's own `lang` tag of the content never decides it. See docs/lang.md.
 */
export async function caseLanguage(
  db: DbHandle,
  subjectId: string,
  ...texts: (string | null | undefined)[]
): Promise<string | null> {
  const detected = languageOf(...texts.filter((text): text is string => !!text));
  if (detected) return detected;
  return authorLanguage(db, subjectId);
}

/**
 * The author's language for content whose own cannot be told: the language most of their recent
 * notes are in, then their interface language, else null (`decisionLanguage`).
 */
export async function authorLanguage(db: DbHandle, authorId: string): Promise<string | null> {
  const { recentTexts, accountLocale } = await authorLanguageEvidence(db, authorId);
  // detected again, never the notes' stored tags: an author could tag every note to pick
  // their moderators
  const authorRecent = recentTexts.map((note) => languageOf(note.title, note.body));
  return decisionLanguage({ detected: null, authorRecent, accountLocale });
}
