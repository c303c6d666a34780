import { useMemo } from 'react';
import type { Locale } from '../i18n/locale.js';
import { useLocale } from '../i18n/provider.js';
import { readerLanguages, reads } from './languages.js';
import { useMe } from './session.js';

export interface Reader {
  /** The languages the reader reads (never offered a translation). */
  languages: string[];
  reads(lang: string | null | undefined): boolean;
  /** What translations are asked into: the interface language. */
  target: Locale;
  /** The account translates other languages without a tap. */
  autoTranslate: boolean;
}

/** The reader's languages and translation preferences, from the account and the interface. */
export function useReader(): Reader {
  const me = useMe();
  const { locale } = useLocale();
  const account = me.data;
  return useMemo(() => {
    const languages = readerLanguages(account?.languages, locale);
    return {
      languages,
      reads: (lang: string | null | undefined) => reads(languages, lang),
      target: locale,
      autoTranslate: account?.autoTranslate ?? false,
    };
  }, [account, locale]);
}
