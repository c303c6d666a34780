import { createCatalogueStore } from '../../i18n/locale.js';
import { type StaffMessageKey, staffEn } from './en.js';

/** The console's messages: English with its chunk, the other languages fetched when needed. */
export const staffCatalogues = createCatalogueStore<StaffMessageKey>(staffEn, {
  'zh-Hans': () => import('./zh-Hans.js'),
  es: () => import('./es.js'),
  ja: () => import('./ja.js'),
  ko: () => import('./ko.js'),
});
