import { INTERFACE_LOCALE_HEADER } from '@atrium/contracts';
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
import { deviceHeaders } from '../lib/device.js';
import { useMe } from '../lib/session.js';
import type { MessageKey } from './en.js';
import {
  type CatalogueStore,
  catalogues,
  formatCount,
  type Locale,
  type Messages,
  matchLocale,
  resolveLocale,
} from './locale.js';

const STORAGE_KEY = 'atrium.locale';

interface LocaleState {
  /** The language on screen (while another one's messages load, the one before it). */
  locale: Locale;
  /** The app's messages in that language. */
  messages: Messages;
  /** A choice made while signed out (kept in this browser); the account's setting wins. */
  setLocalChoice(locale: Locale | null): void;
}

const LocaleContext = createContext<LocaleState>({
  locale: 'en',
  messages: catalogues.get('en')!,
  setLocalChoice: () => {},
});

function storedChoice(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * The messages of `locale` from a store of lazily loaded catalogues. While they load, the
 * previous language stays on screen; before any is shown, null (a blank moment on a first
 * visit in another language, rather than a flash of English). A failed load falls back to
 * English.
 */
export function useCatalogue<Key extends string>(
  store: CatalogueStore<Key>,
  locale: Locale,
): { locale: Locale; messages: Record<Key, string> } | null {
  const ready = store.get(locale);
  const [previous, setPrevious] = useState<{
    locale: Locale;
    messages: Record<Key, string>;
  } | null>(null);
  useEffect(() => {
    if (ready) {
      setPrevious((shown) => (shown?.locale === locale ? shown : { locale, messages: ready }));
      return;
    }
    let live = true;
    store.load(locale).then(
      (messages) => {
        if (live) setPrevious({ locale, messages });
      },
      () => {
        if (live) setPrevious({ locale: 'en', messages: store.get('en')! });
      },
    );
    return () => {
      live = false;
    };
  }, [store, locale, ready]);
  return ready ? { locale, messages: ready } : previous;
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const [localChoice, setLocalChoiceState] = useState<string | null>(storedChoice);
  const wanted = resolveLocale(me.data?.locale ?? localChoice, navigator.languages ?? []);
  const shown = useCatalogue(catalogues, wanted);
  const locale = shown?.locale ?? 'en';
  // The server names places (IP locations) in the interface language, not the browser's: set
  // before the first request of the screens below, on render.
  deviceHeaders[INTERFACE_LOCALE_HEADER] = wanted;

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

  const messages = shown?.messages;
  const value = useMemo(
    () => (messages ? { locale, messages, setLocalChoice } : null),
    [locale, messages, setLocalChoice],
  );
  if (!value) return null;
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={locale} messages={value.messages} defaultLocale="en">
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
          const minutes = Math.round((date.getTime() - Date.now()) / 60_000);
          // "this minute" (CLDR's word for 0 minutes) reads oddly: under a minute is "just now"
          if (minutes > -1) return intl.formatMessage({ id: 'time.justNow' });
          return intl.formatRelativeTime(minutes, 'minute', { numeric: 'auto' });
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
