/** BCP-47 tags: the shapes this package reads and writes. */

/** "Undetermined" (ISO 639-2): no language could be told. */
export const UNDETERMINED = 'und';

// Chinese varieties some models report separately; Atrium keeps one `zh` and tells the script.
const CHINESE = new Set(['zh', 'cmn', 'yue', 'wuu', 'hak', 'nan', 'gan', 'hsn', 'zho', 'chi']);
const SCRIPT_OF_REGION: Readonly<Record<string, 'Hans' | 'Hant'>> = {
  CN: 'Hans',
  SG: 'Hans',
  MY: 'Hans',
  TW: 'Hant',
  HK: 'Hant',
  MO: 'Hant',
};

/**
 * Canonical casing and Atrium's Chinese convention: `zh-hans` → `zh-Hans`, `ZH_TW` → `zh-Hant`,
 * `yue` → `zh-Hant`, `cmn` → `zh`, `zh-Latn` (pinyin) kept, `EN-us` → `en-US`. Returns `und` for an empty or malformed tag.
 */
export function normalizeLanguageTag(tag: string): string {
  const parts = tag.trim().replace(/_/g, '-').split('-');
  const language = parts[0]?.toLowerCase() ?? '';
  if (!/^[a-z]{2,3}$/.test(language)) return UNDETERMINED;
  const rest = parts.slice(1).map((part) => {
    if (/^[a-z]{4}$/i.test(part)) return part[0]!.toUpperCase() + part.slice(1).toLowerCase();
    if (/^([a-z]{2}|\d{3})$/i.test(part)) return part.toUpperCase();
    return part.toLowerCase();
  });
  if (CHINESE.has(language)) {
    const script =
      rest.find((part) => part === 'Hans' || part === 'Hant' || part === 'Latn') ??
      rest.map((part) => SCRIPT_OF_REGION[part]).find((value) => value !== undefined) ??
      // Cantonese is written in Traditional characters (Hong Kong, Macau).
      (language === 'yue' ? 'Hant' : undefined);
    return script ? `zh-${script}` : 'zh';
  }
  return [language, ...rest].join('-');
}

/** The language subtag alone: `zh-Hant` → `zh`, `pt-BR` → `pt`. */
export function baseLanguage(tag: string): string {
  return normalizeLanguageTag(tag).split('-')[0]!;
}

/** The script subtag of a Chinese tag, if any. */
export function chineseScript(tag: string): 'Hans' | 'Hant' | undefined {
  const normalized = normalizeLanguageTag(tag);
  if (normalized === 'zh-Hans') return 'Hans';
  if (normalized === 'zh-Hant') return 'Hant';
  return undefined;
}

/**
 * Languages the detector cannot tell apart in short posts and Atrium treats as one for routing
 * and scoping: Serbian, Croatian, Bosnian and Montenegrin in Latin script; Malay and Indonesian.
 */
export const INTERCHANGEABLE_LANGUAGES: readonly (readonly string[])[] = [
  ['sr', 'hr', 'bs', 'cnr'],
  ['id', 'ms'],
];

/** Whether two tags name the same language for routing: same base language, or interchangeable. */
export function sameLanguageForRouting(a: string, b: string): boolean {
  const first = baseLanguage(a);
  const second = baseLanguage(b);
  if (first === second) return true;
  return INTERCHANGEABLE_LANGUAGES.some((group) => group.includes(first) && group.includes(second));
}

/** Languages usually written in another script that also have a standard Latin orthography. */
const LATIN_ORTHOGRAPHY = new Set(['sr', 'bs', 'uz', 'az', 'kk', 'tk', 'ku', 'tt', 'crh', 'mn']);

/**
 * Whether a tag names a language written in Latin letters although its own script is another
 * (`zh-Latn` pinyin, `ar-Latn` Arabizi, `ja-Latn` romaji): translation engines cannot read such
 * text, so callers say so instead of translating it as if it were in the usual script.
 */
export function isRomanized(tag: string): boolean {
  const normalized = normalizeLanguageTag(tag);
  if (!normalized.split('-').includes('Latn')) return false;
  // languages with an official Latin orthography beside another script are not romanized
  if (LATIN_ORTHOGRAPHY.has(baseLanguage(normalized))) return false;
  try {
    const usual = new Intl.Locale(baseLanguage(normalized)).maximize().script;
    return usual !== undefined && usual !== 'Latn';
  } catch {
    return false;
  }
}
