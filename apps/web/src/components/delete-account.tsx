import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState, useSyncExternalStore } from 'react';
import { useLocation } from 'wouter';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { withProofOfWork } from '../lib/proof-of-work.js';
import { useSessionChanged } from '../lib/session.js';
import { ErrorMessage } from './common.js';

/**
 * Deleting one's account in the settings (`DELETE /api/me`, docs/security.md): a confirmation,
 * then the holder again — the password, or, for an account that signs in by phone, a fresh
 * code sent to its number. The account is deactivated at once (this session ends too); a login
 * within 30 days cancels the deletion.
 */
export function DeleteAccount({ handle, byPhone }: { handle: string; byPhone: boolean }) {
  const { t } = useT();
  const changed = useSessionChanged();
  const [, navigate] = useLocation();
  const [understood, setUnderstood] = useState(false);
  const [password, setPassword] = useState('');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () =>
      withProofOfWork(
        (proof) => api.auth.phoneStart({ phone: phone.trim(), ...(proof ? { proof } : {}) }),
        () => {},
      ),
    onSuccess: (result) => setVerificationId(result.verificationId),
  });
  const remove = useMutation({
    mutationFn: () =>
      api.me.delete(
        byPhone ? { verificationId: verificationId ?? undefined, code: code.trim() } : { password },
      ),
    onSuccess: async () => {
      await changed(null);
      navigate('/');
    },
  });
  const ready =
    understood && (byPhone ? Boolean(verificationId && code.trim()) : Boolean(password));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) remove.mutate();
  };
  return (
    <section aria-labelledby="delete-account-title">
      <h2 id="delete-account-title" className="section-title">
        {t('settings.deleteAccount')}
      </h2>
      <p className="hint">{t('settings.deleteAccountIntro')}</p>
      <form className="form" onSubmit={submit}>
        <label className="choice toggle">
          <input
            type="checkbox"
            checked={understood}
            onChange={(event) => setUnderstood(event.target.checked)}
          />
          <span>{t('settings.deleteAccountUnderstand')}</span>
        </label>
        {byPhone ? (
          <>
            <label className="field">
              <span>{t('settings.deletePhone')}</span>
              <input
                type="tel"
                autoComplete="tel"
                value={phone}
                onChange={(event) => setPhone(event.target.value)}
              />
            </label>
            <button
              type="button"
              className="button secondary"
              disabled={send.isPending || !phone.trim()}
              onClick={() => send.mutate()}
            >
              {t('settings.deleteSendCode')}
            </button>
            {send.isError ? <ErrorMessage error={send.error} /> : null}
            {verificationId ? (
              <label className="field">
                <span>{t('settings.deleteCode')}</span>
                <input
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  value={code}
                  onChange={(event) => setCode(event.target.value)}
                />
              </label>
            ) : null}
          </>
        ) : (
          <>
            {/* lets password managers fill in the right account's password */}
            <input
              type="text"
              name="username"
              autoComplete="username"
              value={handle}
              readOnly
              hidden
            />
            <label className="field">
              <span>{t('settings.currentPassword')}</span>
              <input
                type="password"
                name="current-password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </label>
          </>
        )}
        {remove.isError ? <ErrorMessage error={remove.error} /> : null}
        <button type="submit" className="button" disabled={remove.isPending || !ready}>
          {t('settings.deleteAccountButton')}
        </button>
      </form>
    </section>
  );
}

const CANCELLED_KEY = 'atrium.deletionCancelled';
const cancelledListeners = new Set<() => void>();

function readCancelled(): boolean {
  try {
    return sessionStorage.getItem(CANCELLED_KEY) === '1';
  } catch {
    return false;
  }
}

function writeCancelled(on: boolean): void {
  try {
    if (on) sessionStorage.setItem(CANCELLED_KEY, '1');
    else sessionStorage.removeItem(CANCELLED_KEY);
  } catch {
    // storage refused (private mode): no notice, the deletion is cancelled all the same
  }
  for (const listener of cancelledListeners) listener();
}

function subscribeCancelled(listener: () => void): () => void {
  cancelledListeners.add(listener);
  return () => cancelledListeners.delete(listener);
}

/** Remembers, across the navigation after a login (and a reload), that it cancelled a deletion. */
export function rememberDeletionCancelled(): void {
  writeCancelled(true);
}

/** After a login that cancelled a pending deletion: says so, until dismissed. */
export function DeletionCancelledBanner() {
  const { t } = useT();
  const shown = useSyncExternalStore(subscribeCancelled, readCancelled, () => false);
  if (!shown) return null;
  const dismiss = () => writeCancelled(false);
  return (
    <section className="step-up-banner" role="status" aria-labelledby="deletion-cancelled-title">
      <p id="deletion-cancelled-title">
        <strong>{t('deletion.cancelledTitle')}</strong>
      </p>
      <p>{t('deletion.cancelledBody')}</p>
      <button type="button" className="button small" onClick={dismiss}>
        {t('deletion.dismiss')}
      </button>
    </section>
  );
}
