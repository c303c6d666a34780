import type { Account, UpdateMeBody } from '@atrium/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { commonLanguages, languageName, sameLanguage } from '../lib/languages.js';
import { meKey } from '../lib/session.js';

// "Languages I read": one control for the settings and for onboarding, saved the same way.

const MAX_LANGUAGES = 10;

/**
 * Saves a change of the account at once, shown before the server answers and rolled back if it
 * refuses. The controls are controlled by the cached account, changed in the same event so a
 * checkbox never flips back while the request is on its way. A refetch of the account in flight
 * is cancelled without reverting the cache (a revert would land after the change and undo it).
 */
export function useAccountChange() {
  const queryClient = useQueryClient();
  const mutationKey = ['me', 'reading'];
  const save = useMutation({
    mutationKey,
    mutationFn: ({ body }: { body: UpdateMeBody; previous: Account | undefined }) =>
      api.me.update(body),
    onError: (_error, { previous }) => {
      if (previous) queryClient.setQueryData(meKey, previous);
    },
    onSuccess: (updated) => {
      // An older answer must not overwrite a newer choice still on its way.
      if (queryClient.isMutating({ mutationKey }) <= 1) queryClient.setQueryData(meKey, updated);
      // Discover is balanced by these languages.
      void queryClient.invalidateQueries({ queryKey: ['feed'] });
    },
  });
  const change = (body: UpdateMeBody) => {
    void queryClient.cancelQueries({ queryKey: meKey }, { revert: false });
    const previous = queryClient.getQueryData<Account>(meKey);
    if (previous) queryClient.setQueryData<Account>(meKey, { ...previous, ...body } as Account);
    save.mutate({ body, previous });
  };
  return { save, change };
}

/** Checkboxes of common languages (and any other the account has), named in both languages. */
export function ReadingLanguagesField({
  account,
  change,
  describedBy,
}: {
  account: Account;
  change: (body: UpdateMeBody) => void;
  describedBy?: string;
}) {
  const { t, locale } = useT();
  const chosen = account.languages;
  const offered = [
    ...commonLanguages,
    ...chosen.filter((tag) => !commonLanguages.some((known) => sameLanguage(known, tag))),
  ];
  const toggleLanguage = (tag: string, on: boolean) =>
    change({
      languages: on ? [...chosen, tag] : chosen.filter((known) => !sameLanguage(known, tag)),
    });
  return (
    <fieldset className="choices" aria-describedby={describedBy}>
      <legend>{t('settings.languages')}</legend>
      {offered.map((tag) => {
        const checked = chosen.some((known) => sameLanguage(known, tag));
        const name = languageName(tag, locale);
        const own = languageName(tag, tag);
        return (
          <label key={tag} className="choice">
            <input
              type="checkbox"
              name="languages"
              value={tag}
              checked={checked}
              disabled={!checked && chosen.length >= MAX_LANGUAGES}
              onChange={(event) => toggleLanguage(tag, event.target.checked)}
            />
            <span>
              {name}
              {own !== name ? (
                <span className="muted" lang={tag}>
                  {' '}
                  · {own}
                </span>
              ) : null}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
