import { createIntl } from 'react-intl';
import { expect, it } from 'vitest';
import type { CatalogueModule, Locale } from './locale.js';
import { placeholderProblems, placeholdersOf } from './placeholders.js';

/**
 * The checks every message catalogue gets (the app's and the staff console's), registered as
 * tests in the caller's `describe`: every locale has exactly the English keys, valid ICU that
 * formats with sample values, the English placeholders, and review metadata naming real keys.
 */
export function checkCatalogues<K extends string>(options: {
  english: Record<K, string>;
  locales: readonly Locale[];
  load: (locale: Locale) => Promise<Record<K, string>>;
  modules: Record<string, () => Promise<CatalogueModule<K>>>;
  values: Record<string, string | number>;
  /** Extra per-locale checks (e.g. a message for every API error code). */
  each?: (locale: Locale, catalog: Record<K, string>) => void;
}): void {
  const { english, values } = options;
  const keys = Object.keys(english).sort() as K[];

  it('every placeholder of the English messages has a sample value here', () => {
    const names = new Set(keys.flatMap((key) => [...placeholdersOf(english[key]).keys()]));
    expect([...names].filter((name) => !(name in values))).toEqual([]);
  });

  for (const locale of options.locales) {
    it(`${locale} has every key and nothing else`, async () => {
      const catalog = await options.load(locale);
      expect(Object.keys(catalog).sort()).toEqual(keys);
      for (const key of keys) expect(catalog[key].trim()).not.toBe('');
      options.each?.(locale, catalog);
    });

    it(`${locale} messages are valid ICU and format`, async () => {
      const errors: unknown[] = [];
      const intl = createIntl({
        locale,
        messages: await options.load(locale),
        onError: (error) => errors.push(error),
      });
      for (const key of keys) intl.formatMessage({ id: key }, values);
      expect(errors).toEqual([]);
    });

    it(`${locale} uses the placeholders of the English messages`, async () => {
      const catalog = await options.load(locale);
      const problems = keys.flatMap((key) =>
        placeholderProblems(english[key], catalog[key]).map((problem) => `${key}: ${problem}`),
      );
      expect(problems).toEqual([]);
    });
  }

  for (const [locale, load] of Object.entries(options.modules)) {
    it(`${locale} says where it stands with reviewers`, async () => {
      const { meta } = await load();
      expect(typeof meta.reviewed).toBe('boolean');
      expect(typeof meta.machineDrafted).toBe('boolean');
      expect(meta.reviewNeeded.filter((key) => !(key in english))).toEqual([]);
      expect(Object.keys(meta.notes ?? {}).filter((key) => !(key in english))).toEqual([]);
    });
  }
}
