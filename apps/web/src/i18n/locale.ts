import { en, type MessageKey } from './en.js';
import { zhHans } from './zh-Hans.js';

export const locales = ['en', 'zh-Hans'] as const;
export type Locale = (typeof locales)[number];

export const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-Hans': zhHans };

/** Each interface language named in itself, for the language picker. */
export const localeNames: Record<Locale, string> = { en: 'English', 'zh-Hans': '简体中文' };

/** Maps any BCP-47 tag onto a supported interface language, or null. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) return 'zh-Hans';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return null;
}

/** The account's setting first, then the browser's languages in order, then English. */
export function resolveLocale(
  accountLocale: string | null | undefined,
  browserLanguages: readonly string[],
): Locale {
  const fromAccount = matchLocale(accountLocale);
  if (fromAccount) return fromAccount;
  for (const tag of browserLanguages) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return 'en';
}

/** Counts as people read them: 12K in English, 1.2万 in Chinese. */
export function formatCount(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale, {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);
}
