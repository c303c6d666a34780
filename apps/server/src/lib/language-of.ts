import { detectLanguage } from '@atrium/lang';

/**
 * The main language of a text as a BCP-47 tag (`zh-Hans`, `en`, `zh-Latn` for pinyin…), or null
 * when it cannot be told well enough to act on: emoji, kaomoji or numbers only, too short, or a
 * guess below its language's reliability bar (`reliable` from @atrium/lang). Called on every
 * write of a note, comment or bio; null content goes to every moderator of the region and is
 * never held back by language filters.
 */
export function languageOf(...texts: string[]): string | null {
  const text = texts.filter(Boolean).join('\n');
  if (!text.trim()) return null;
  const { lang, reliable } = detectLanguage(text);
  return reliable ? lang : null;
}

export { decisionLanguage, type LanguageEvidence } from '@atrium/lang';
