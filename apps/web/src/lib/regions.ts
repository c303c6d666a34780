const displayNames = new Map<string, Intl.DisplayNames | null>();

/** A country's name in the interface language (`CN` → "China" / "中国"); the code if unknown. */
export function regionName(code: string, locale: string): string {
  if (!displayNames.has(locale)) {
    try {
      displayNames.set(locale, new Intl.DisplayNames([locale], { type: 'region' }));
    } catch {
      displayNames.set(locale, null);
    }
  }
  try {
    return displayNames.get(locale)?.of(code.toUpperCase()) ?? code;
  } catch {
    // a group name such as STRICT_DRUG_LAWS is not a region code
    return code;
  }
}

/**
 * Names of a few countries as a list in the interface language, the rest counted:
 * "China, Hong Kong and Singapore", "China, Hong Kong, Singapore and 4 more".
 */
export function regionList(
  codes: readonly string[],
  locale: string,
  more: (count: number) => string,
  shown = 3,
): string {
  const names = codes.slice(0, shown).map((code) => regionName(code, locale));
  const rest = codes.length - names.length;
  const items = rest > 0 ? [...names, more(rest)] : names;
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}
