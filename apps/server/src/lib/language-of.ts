import { detectLanguage, UNDETERMINED } from '@atrium/lang';

/**
 * The main language of a text as a BCP-47 tag (`zh-Hans`, `en`, …), or null when it cannot be
 * told (emoji only, too short, low confidence). Called on every write of a note, comment or bio.
 */
export function languageOf(...texts: string[]): string | null {
  const text = texts.filter(Boolean).join('\n');
  if (!text.trim()) return null;
  const { lang } = detectLanguage(text);
  return lang === UNDETERMINED ? null : lang;
}
