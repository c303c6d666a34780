import { findChinaRegion } from './china-regions.js';
import type { IpLocation } from './ip-location.js';

/** Locales with hand-checked labels; any other requested locale gets English. */
export const LOCATION_LABEL_LOCALES = ['en', 'zh-Hans'] as const;
export type LocationLabelLocale = (typeof LOCATION_LABEL_LOCALES)[number];

// ICU's long names ("Hong Kong SAR China", "中国香港特别行政区") are too formal for a profile badge,
// and its short style shortens other places badly ("UK", "US"). These follow the labels Chinese
// social apps show, where Hong Kong, Macao and Taiwan each get their own label.
const COUNTRY_OVERRIDES: Record<string, Record<LocationLabelLocale, string>> = {
  HK: { en: 'Hong Kong', 'zh-Hans': '中国香港' },
  MO: { en: 'Macao', 'zh-Hans': '中国澳门' },
  TW: { en: 'Taiwan', 'zh-Hans': '中国台湾' },
  PS: { en: 'Palestine', 'zh-Hans': '巴勒斯坦' },
};

const countryNames: Record<LocationLabelLocale, Intl.DisplayNames> = {
  en: new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }),
  'zh-Hans': new Intl.DisplayNames(['zh-Hans'], { type: 'region', fallback: 'none' }),
};

/**
 * Picks the label locale for a requested BCP 47 tag: Simplified Chinese for `zh-Hans` and for
 * `zh`, `zh-CN` and `zh-SG` (regions that write Simplified), English otherwise.
 */
export function resolveLocationLabelLocale(locale: string | null | undefined): LocationLabelLocale {
  if (locale == null || locale === '') return 'en';
  let tag: Intl.Locale;
  try {
    tag = new Intl.Locale(locale);
  } catch {
    return 'en';
  }
  if (tag.language !== 'zh') return 'en';
  const script = tag.script ?? tag.maximize().script;
  return script === 'Hans' ? 'zh-Hans' : 'en';
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
    if (region !== null) return labelLocale === 'zh-Hans' ? region.zhHans : region.en;
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
