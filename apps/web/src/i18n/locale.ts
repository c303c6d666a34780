import { en, type MessageKey } from './en.js';

export const locales = ['en', 'zh-Hans', 'es', 'ja', 'ko'] as const;
export type Locale = (typeof locales)[number];

export type Messages = Record<MessageKey, string>;

/**
 * Where a catalogue stands with its reviewers. Every catalogue but the English source exports
 * one as `meta`; docs/web.md says how to use it.
 */
export interface CatalogueMeta<Key extends string = MessageKey> {
  /** A fluent speaker has read the whole catalogue against the English and signed it off. */
  reviewed: boolean;
  /** Drafted by translating the English without a fluent speaker of the language. */
  machineDrafted: boolean;
  /** Keys a reviewer should read first (new, changed, or wording we are unsure of). */
  reviewNeeded: readonly Key[];
  /** Why a key is in `reviewNeeded`, where that helps the reviewer. */
  notes?: Partial<Record<Key, string>>;
}

/** A catalogue module: its messages and where it stands with reviewers. */
export interface CatalogueModule<Key extends string = MessageKey> {
  messages: Record<Key, string>;
  meta: CatalogueMeta<Key>;
}

/** Each interface language named in itself, for the language picker. */
export const localeNames: Record<Locale, string> = {
  en: 'English',
  'zh-Hans': '简体中文',
  es: 'Español',
  ja: '日本語',
  ko: '한국어',
};

/** Maps any BCP-47 tag onto a supported interface language, or null. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const base = tag.toLowerCase().split(/[-_]/)[0];
  if (base === 'zh') return 'zh-Hans';
  if (base === 'en' || base === 'es' || base === 'ja' || base === 'ko') return base;
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

/** Counts as people read them: 12K in English, 1.2万 in Chinese, 1.2만 in Korean. */
export function formatCount(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale, {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);
}

/**
 * Catalogues by locale: English is in the first bundle (the default and the fallback), every
 * other language is its own chunk, fetched once when it is first needed.
 */
export interface CatalogueStore<Key extends string> {
  /** The messages when they are here already. */
  get(locale: Locale): Record<Key, string> | undefined;
  /** Fetches the messages (once; a failed fetch may be tried again). */
  load(locale: Locale): Promise<Record<Key, string>>;
}

export function createCatalogueStore<Key extends string>(
  english: Record<Key, string>,
  loaders: Record<Exclude<Locale, 'en'>, () => Promise<CatalogueModule<Key>>>,
): CatalogueStore<Key> {
  const loaded = new Map<Locale, Record<Key, string>>([['en', english]]);
  const pending = new Map<Locale, Promise<Record<Key, string>>>();
  return {
    get: (locale) => loaded.get(locale),
    load(locale) {
      const ready = loaded.get(locale);
      if (ready) return Promise.resolve(ready);
      let promise = pending.get(locale);
      if (!promise) {
        promise = loaders[locale as Exclude<Locale, 'en'>]().then(
          (module) => {
            loaded.set(locale, module.messages);
            pending.delete(locale);
            return module.messages;
          },
          (error: unknown) => {
            pending.delete(locale);
            throw error;
          },
        );
        pending.set(locale, promise);
      }
      return promise;
    },
  };
}

export const catalogues = createCatalogueStore<MessageKey>(en, {
  'zh-Hans': () => import('./zh-Hans.js'),
  es: () => import('./es.js'),
  ja: () => import('./ja.js'),
  ko: () => import('./ko.js'),
});
