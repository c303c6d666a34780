import type { Locale } from '../i18n/locale.js';

/**
 * Languages a reader may pick in settings ("languages I read"): the ones most posted in, by
 * BCP-47 tag as the server detects them.
 */
export const commonLanguages = [
  'en',
  'zh-Hans',
  'zh-Hant',
  'es',
  'ja',
  'ko',
  'pt',
  'fr',
  'de',
  'it',
  'ru',
  'ar',
  'hi',
  'id',
  'vi',
  'th',
  'tr',
] as const;

const baseOf = (tag: string) => tag.toLowerCase().split(/[-_]/)[0]!;

/** Chinese script of a tag: Hant for zh-Hant, zh-TW, zh-HK and zh-MO; otherwise Hans. */
function chineseScript(tag: string): 'Hans' | 'Hant' {
  const parts = tag.toLowerCase().split(/[-_]/);
  if (
    parts.includes('hant') ||
    parts.includes('tw') ||
    parts.includes('hk') ||
    parts.includes('mo')
  )
    return 'Hant';
  return 'Hans';
}

/**
 * Whether two tags are the same language for a reader, as the server decides: the same base
 * language, and for Chinese the same script (Simplified → Traditional is a translation).
 */
export function sameLanguage(a: string, b: string): boolean {
  if (baseOf(a) !== baseOf(b)) return false;
  return baseOf(a) !== 'zh' || chineseScript(a) === chineseScript(b);
}

/**
 * The languages a reader reads: the account's "languages I read" when it has chosen some, else
 * the interface language.
 */
export function readerLanguages(accountLanguages: readonly string[] | undefined, locale: Locale) {
  return accountLanguages && accountLanguages.length > 0 ? [...accountLanguages] : [locale];
}

/** Whether content in `lang` needs no translation for a reader of `languages`. */
export function reads(languages: readonly string[], lang: string | null | undefined): boolean {
  if (!lang) return true;
  return languages.some((known) => sameLanguage(known, lang));
}

const displayNames = new Map<string, Intl.DisplayNames | null>();

/**
 * A language's name in the interface language (`es` → "Spanish" / "西班牙语" / "español"); the
 * tag itself if unknown. Capitalized to stand alone as a label ("Español"), unless it goes
 * inside a sentence ("del inglés al japonés").
 */
export function languageName(
  tag: string,
  locale: string,
  { inSentence = false }: { inSentence?: boolean } = {},
): string {
  if (!displayNames.has(locale)) {
    try {
      displayNames.set(locale, new Intl.DisplayNames([locale], { type: 'language' }));
    } catch {
      displayNames.set(locale, null);
    }
  }
  let name: string;
  try {
    name = displayNames.get(locale)?.of(tag) ?? tag;
  } catch {
    return tag;
  }
  return inSentence ? name : name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}
