import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { useMe } from '../lib/session.js';
import type { MessageKey } from './en.js';
import { catalogs, formatCount, type Locale, matchLocale, resolveLocale } from './locale.js';

const STORAGE_KEY = 'atrium.locale';

interface LocaleState {
  locale: Locale;
  /** A choice made while signed out (kept in this browser); the account's setting wins. */
  setLocalChoice(locale: Locale | null): void;
}

const LocaleContext = createContext<LocaleState>({ locale: 'en', setLocalChoice: () => {} });

function storedChoice(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const [localChoice, setLocalChoiceState] = useState<string | null>(storedChoice);
  const locale = resolveLocale(me.data?.locale ?? localChoice, navigator.languages ?? []);

  const setLocalChoice = useCallback((next: Locale | null) => {
    try {
      if (next) localStorage.setItem(STORAGE_KEY, next);
      else localStorage.removeItem(STORAGE_KEY);
    } catch {
      // storage may be disabled; the choice then lasts for this page only
    }
    setLocalChoiceState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo(() => ({ locale, setLocalChoice }), [locale, setLocalChoice]);
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={locale} messages={catalogs[locale]} defaultLocale="en">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

export const useLocale = () => useContext(LocaleContext);

/** `t(key, values)` bound to the current locale, plus count and date formatting. */
export function useT() {
  const intl = useIntl();
  const { locale } = useLocale();
  return useMemo(
    () => ({
      t: (id: MessageKey, values?: Record<string, string | number>) =>
        intl.formatMessage({ id }, values),
      count: (value: number) => formatCount(locale, value),
      date: (iso: string) => {
        const date = new Date(iso);
        const days = (Date.now() - date.getTime()) / 86_400_000;
        if (days < 1 / 24) {
          return intl.formatRelativeTime(
            Math.round((date.getTime() - Date.now()) / 60_000),
            'minute',
            {
              numeric: 'auto',
            },
          );
        }
        if (days < 1) {
          return intl.formatRelativeTime(-Math.round(days * 24), 'hour', { numeric: 'auto' });
        }
        if (days < 7) return intl.formatRelativeTime(-Math.round(days), 'day', { numeric: 'auto' });
        return intl.formatDate(date, { dateStyle: 'medium' });
      },
      locale,
    }),
    [intl, locale],
  );
}

export { matchLocale };
