import type { TotpEnrolment } from '@atrium/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { staffMeKey } from '../lib/staff.js';
import { ErrorMessage, Loading } from './common.js';

const secondFactorKey = ['me', 'second-factor'] as const;

/**
 * Two-factor authentication in the settings (docs/security.md, "Second factor"): turning TOTP
 * on (the password, then the secret to add to an authenticator app, then a first code; the
 * recovery codes are shown once) and off (the password and a code).
 */
export function TwoFactorSettings({ handle }: { handle: string }) {
  const { t } = useT();
  const state = useQuery({ queryKey: secondFactorKey, queryFn: () => api.me.secondFactor() });
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  return (
    <section aria-labelledby="two-factor-title">
      <h2 id="two-factor-title" className="section-title">
        {t('twoFactor.title')}
      </h2>
      {recoveryCodes ? (
        <RecoveryCodesOnce codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />
      ) : state.isPending ? (
        <Loading />
      ) : state.isError ? (
        <ErrorMessage error={state.error} onRetry={() => void state.refetch()} />
      ) : state.data.totp ? (
        <>
          <p>{t('twoFactor.on', { count: state.data.recoveryCodesLeft })}</p>
          <DisableForm handle={handle} />
        </>
      ) : (
        <>
          <p className="muted">{t('twoFactor.off')}</p>
          <EnableForm handle={handle} onEnabled={setRecoveryCodes} />
        </>
      )}
    </section>
  );
}

function useSecondFactorChanged() {
  const queries = useQueryClient();
  return async () => {
    await queries.invalidateQueries({ queryKey: secondFactorKey });
    // staff powers may depend on it
    await queries.invalidateQueries({ queryKey: staffMeKey });
  };
}

function EnableForm({
  handle,
  onEnabled,
}: {
  handle: string;
  onEnabled: (codes: string[]) => void;
}) {
  const { t } = useT();
  const changed = useSecondFactorChanged();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const start = useMutation({
    mutationFn: () => api.me.startTotp(password),
    onSuccess: (result) => {
      setPassword('');
      setEnrolment(result);
    },
  });
  const confirm = useMutation({
    mutationFn: () => api.me.confirmTotp(code.trim()),
    onSuccess: async (result) => {
      onEnabled(result.recoveryCodes);
      await changed();
    },
  });
  if (!enrolment) {
    const submit = (event: FormEvent) => {
      event.preventDefault();
      if (password) start.mutate();
    };
    return (
      <form className="form" onSubmit={submit} aria-label={t('twoFactor.enable')}>
        <input type="text" name="username" autoComplete="username" value={handle} readOnly hidden />
        <label className="field">
          <span>{t('settings.currentPassword')}</span>
          <input
            type="password"
            name="current-password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {start.isError ? <ErrorMessage error={start.error} /> : null}
        <button type="submit" className="button secondary" disabled={start.isPending || !password}>
          {t('twoFactor.enable')}
        </button>
      </form>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) confirm.mutate();
  };
  return (
    <form className="form" onSubmit={submit} aria-label={t('twoFactor.confirm')}>
      <p>{t('twoFactor.addToApp')}</p>
      <p>
        <span className="muted">{t('twoFactor.secret')}</span>{' '}
        <code className="totp-secret" data-testid="totp-secret">
          {enrolment.secret}
        </code>
      </p>
      <p className="small">
        <a href={enrolment.uri}>{t('twoFactor.openInApp')}</a>
      </p>
      <label className="field">
        <span>{t('twoFactor.firstCode')}</span>
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\s*[0-9]{6}\s*"
          required
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      </label>
      {confirm.isError ? <ErrorMessage error={confirm.error} /> : null}
      <button type="submit" className="button" disabled={confirm.isPending || !code.trim()}>
        {t('twoFactor.confirm')}
      </button>
    </form>
  );
}

/** The recovery codes, shown this once: the server keeps only their hashes. */
function RecoveryCodesOnce({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useT();
  return (
    <div role="status">
      <p>{t('twoFactor.recoveryCodes')}</p>
      <ul className="recovery-codes" aria-label={t('twoFactor.recoveryCodesLabel')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <button type="button" className="button secondary" onClick={onDone}>
        {t('twoFactor.savedCodes')}
      </button>
    </div>
  );
}

function DisableForm({ handle }: { handle: string }) {
  const { t } = useT();
  const changed = useSecondFactorChanged();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const disable = useMutation({
    mutationFn: () => api.me.disableTotp({ password, code: code.trim() }),
    onSuccess: async () => {
      setPassword('');
      setCode('');
      await changed();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password && code.trim()) disable.mutate();
  };
  return (
    <form className="form" onSubmit={submit} aria-label={t('twoFactor.disable')}>
      <input type="text" name="username" autoComplete="username" value={handle} readOnly hidden />
      <label className="field">
        <span>{t('settings.currentPassword')}</span>
        <input
          type="password"
          name="current-password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('twoFactor.code')}</span>
        <input
          name="code"
          autoComplete="one-time-code"
          required
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      </label>
      {disable.isError ? <ErrorMessage error={disable.error} /> : null}
      <button
        type="submit"
        className="button secondary"
        disabled={disable.isPending || !password || !code.trim()}
      >
        {t('twoFactor.disable')}
      </button>
    </form>
  );
}
