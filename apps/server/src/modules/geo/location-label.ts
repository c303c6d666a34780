import { findChinaRegion } from './china-regions.js';
import type { IpLocation } from './ip-location.js';

/** The interface languages labels are written in; any other requested locale gets English. */
export const LOCATION_LABEL_LOCALES = ['en', 'zh-Hans', 'es', 'ja', 'ko'] as const;
export type LocationLabelLocale = (typeof LOCATION_LABEL_LOCALES)[number];

// ICU's long names ("Hong Kong SAR China", "中国香港特别行政区") are too formal for a profile badge,
// and its short style shortens other places badly ("UK", "US"). These follow the labels Chinese
// social apps show, where Hong Kong, Macao and Taiwan each get their own label.
const COUNTRY_OVERRIDES: Record<string, Record<LocationLabelLocale, string>> = {
  HK: { en: 'Hong Kong', 'zh-Hans': '中国香港', es: 'Hong Kong', ja: '香港', ko: '홍콩' },
  MO: { en: 'Macao', 'zh-Hans': '中国澳门', es: 'Macao', ja: 'マカオ', ko: '마카오' },
  TW: { en: 'Taiwan', 'zh-Hans': '中国台湾', es: 'Taiwán', ja: '台湾', ko: '대만' },
  PS: {
    en: 'Palestine',
    'zh-Hans': '巴勒斯坦',
    es: 'Palestina',
    ja: 'パレスチナ',
    ko: '팔레스타인',
  },
};

// Country names from CLDR (ICU's data behind Intl.DisplayNames), in each interface language.
const countryNames = Object.fromEntries(
  LOCATION_LABEL_LOCALES.map((locale) => [
    locale,
    new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' }),
  ]),
) as Record<LocationLabelLocale, Intl.DisplayNames>;

/**
 * Picks the label locale for a requested BCP 47 tag: its language when the interface has it
 * (`es-MX` → es, `ja-JP` → ja), Chinese for every `zh` tag — `zh-HK` and `zh-TW` browsers get the
 * Chinese interface, so place names in Chinese too — and English otherwise.
 */
export function resolveLocationLabelLocale(locale: string | null | undefined): LocationLabelLocale {
  if (locale == null || locale === '') return 'en';
  let language: string;
  try {
    language = new Intl.Locale(locale).language;
  } catch {
    return 'en';
  }
  if (language === 'zh') return 'zh-Hans';
  return (LOCATION_LABEL_LOCALES as readonly string[]).includes(language)
    ? (language as LocationLabelLocale)
    : 'en';
}

/**
 * The display label of an IP location in the viewer's language: the province for China
 * ("Guangdong" / "广东"), the country or territory elsewhere ("United States" / "美国").
 * Null when there is no location or the code is not a known region.
 */
export function formatIpLocation(
  location: IpLocation | null | undefined,
  locale: string | null | undefined,
): string | null {
  if (location == null) return null;
  // every note of a feed page asks: the answers are few, and computing one parses the locale
  const key = `${locale ?? ''}|${location.country}|${location.region ?? ''}`;
  const known = labels.get(key);
  if (known !== undefined) return known;
  const label = computeLabel(location, locale);
  if (labels.size >= MAX_LABELS) labels.clear();
  labels.set(key, label);
  return label;
}

const labels = new Map<string, string | null>();
const MAX_LABELS = 10_000;

function computeLabel(location: IpLocation, locale: string | null | undefined): string | null {
  const labelLocale = resolveLocationLabelLocale(locale);
  const country = location.country.toUpperCase();
  if (country === 'CN' && location.region != null) {
    const region = findChinaRegion(location.region);
    // provinces: the table's names in Chinese, Japanese and Korean, else the (pinyin) English
    if (region !== null) {
      if (labelLocale === 'zh-Hans') return region.zhHans;
      if (labelLocale === 'ja' || labelLocale === 'ko') return region[labelLocale];
      return region.en;
    }
  }
  const override = COUNTRY_OVERRIDES[country];
  if (override !== undefined) return override[labelLocale];
  // ZZ is CLDR's "Unknown Region": better no label than a label saying nothing.
  if (!/^[A-Z]{2}$/.test(country) || country === 'ZZ') return null;
  try {
    return countryNames[labelLocale].of(country) ?? null;
  } catch {
    return null;
  }
}

/** The IP-location label of a note, comment or profile, or null when the country is unknown. */
export function ipLabel(
  country: string | null,
  region: string | null,
  locale: string,
): string | null {
  return country ? formatIpLocation({ country, region }, locale) : null;
}
