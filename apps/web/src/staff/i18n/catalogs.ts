import type { Locale } from '../../i18n/locale.js';
import { type StaffMessageKey, staffEn } from './en.js';
import { staffZhHans } from './zh-Hans.js';

export const staffCatalogs: Record<Locale, Record<StaffMessageKey, string>> = {
  en: staffEn,
  'zh-Hans': staffZhHans,
};
