import type { StaffMe, StaffPermission } from '@atrium/sdk';
import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { useT } from '../i18n/provider.js';
import type { StaffMessageKey } from './i18n/en.js';

/** `useT()` plus `st(key)` for the console's own messages. */
export function useST() {
  const intl = useIntl();
  const base = useT();
  return useMemo(
    () => ({
      ...base,
      st: (id: StaffMessageKey, values?: Record<string, string | number>) =>
        intl.formatMessage({ id }, values),
      time: (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' }),
    }),
    [base, intl],
  );
}

export const can = (member: StaffMe, permission: StaffPermission) =>
  member.permissions.includes(permission);

/** "en, zh" → ["en", "zh"]: lists typed by hand, split on commas and spaces. */
export function parseList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * Whether the moderator reads a language: the languages they set, else the language of the
 * interface they use (as the server decides whom to translate for).
 */
export function readsLanguage(member: StaffMe, lang: string | null, locale: string): boolean {
  if (!lang) return true;
  const primary = (tag: string) => tag.split('-')[0]!.toLowerCase();
  const reads = member.languages.length > 0 ? member.languages : [locale];
  return reads.some((item) => primary(item) === primary(lang));
}
