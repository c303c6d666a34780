import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { ErrorMessage } from './common.js';

/**
 * Changing one's password in the settings (`POST /api/me/password`): the current password, then
 * the new one. Other sessions end; the form says how many.
 */
export function PasswordForm({ handle }: { handle: string }) {
  const { t } = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: () => api.me.changePassword({ currentPassword: current, newPassword: next }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (current && next) change.mutate();
  };
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title" className="section-title">
        {t('settings.password')}
      </h2>
      <form className="form" onSubmit={submit}>
        {/* lets password managers file the change under the right account */}
        <input type="text" name="username" autoComplete="username" value={handle} readOnly hidden />
        <label className="field">
          <span>{t('settings.currentPassword')}</span>
          <input
            type="password"
            name="current-password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('settings.newPassword')}</span>
          <input
            type="password"
            name="new-password"
            autoComplete="new-password"
            required
            aria-describedby="new-password-hint"
            value={next}
            onChange={(event) => setNext(event.target.value)}
          />
          <small id="new-password-hint">{t('settings.newPasswordHint')}</small>
        </label>
        {change.isError ? <ErrorMessage error={change.error} /> : null}
        <p className="hint" role="status">
          {change.isSuccess
            ? t('settings.passwordChanged', { count: change.data.endedSessions })
            : ''}
        </p>
        <button
          type="submit"
          className="button secondary"
          disabled={change.isPending || !current || !next}
        >
          {t('settings.changePassword')}
        </button>
      </form>
    </section>
  );
}
