import type { Account, StepUpState } from '@atrium/sdk';
import { AtriumError } from '@atrium/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ErrorMessage, Loading } from '../components/common.js';
import { trustKey } from '../components/trust-notice.js';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { meKey, useMe } from '../lib/session.js';

/** Where to go after confirming: the sign-up's `next` when it is a path of this site. */
function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get('next');
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/**
 * Onboarding for a new account once its step-up is confirmed (a sign-up asked for a step-up
 * comes here before `/welcome`), then on to `next`.
 */
function welcomePath(next: string): string {
  return next === '/' ? '/welcome' : `/welcome?${new URLSearchParams({ next }).toString()}`;
}

/** The seconds a 429 asks to wait, when it says. */
function retryAfterOf(error: unknown): number | null {
  if (!(error instanceof AtriumError) || error.code !== 'RATE_LIMITED') return null;
  const seconds = (error.problem as Record<string, unknown>).retryAfter;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : null;
}

/**
 * `/confirm`: the step-up of a risky sign-up (docs/risk.md, "Step-up"). The account exists and may
 * look around; posting waits for the 6-digit code sent to its e-mail address or, a second time,
 * by SMS. A new code at most once a minute; five wrong codes spend one.
 */
export function StepUpScreen() {
  const { t, locale } = useT();
  const me = useMe();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [code, setCode] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [resent, setResent] = useState(false);

  /** Keeps the cached account's `stepUp` in step with the server's answer. */
  const settle = (state: StepUpState) =>
    queryClient.setQueryData<Account | null>(meKey, (account) => {
      if (!account) return account;
      const { stepUp: _previous, ...rest } = account;
      return state.pending && state.channel && state.expiresAt
        ? { ...rest, stepUp: { channel: state.channel, expiresAt: state.expiresAt } }
        : rest;
    });

  const confirm = useMutation({
    mutationFn: () => api.me.confirmStepUp(code.trim()),
    onSuccess: async (state) => {
      settle(state);
      setConfirmed(true);
      await queryClient.invalidateQueries({ queryKey: trustKey });
    },
    onError: async (error) => {
      // confirmed elsewhere meanwhile: the account says so once read again
      if (error instanceof AtriumError && error.code === 'STEP_UP_NOT_PENDING')
        await queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
  const resend = useMutation({
    mutationFn: () => api.me.resendStepUp(),
    onMutate: () => setResent(false),
    onSuccess: (state) => {
      settle(state);
      setResent(true);
      setCode('');
      confirm.reset();
    },
  });

  if (me.isPending) return <Loading />;
  const account = me.data;
  if (!account) {
    return (
      <div className="page narrow">
        <div className="panel">
          <h1>{t('stepUp.title')}</h1>
          <Link href="/login?next=/confirm" className="button">
            {t('nav.login')}
          </Link>
        </div>
      </div>
    );
  }

  if (confirmed) {
    return (
      <div className="page narrow">
        <div className="panel">
          <h1>{t('stepUp.title')}</h1>
          <p role="status">{t('stepUp.done')}</p>
          <div className="dialog-actions">
            <Link href="/new" className="button">
              {t('stepUp.post')}
            </Link>
            <button
              type="button"
              className="button secondary"
              onClick={() => navigate(account.onboarded ? nextPath() : welcomePath(nextPath()))}
            >
              {t('auth.continue')}
            </button>
          </div>
        </div>
      </div>
    );
  }

  const stepUp = account.stepUp;
  if (!stepUp) {
    return (
      <div className="page narrow">
        <div className="panel">
          <h1>{t('stepUp.title')}</h1>
          <p>{t('stepUp.nothingPending')}</p>
          <Link href="/">{t('notFound.home')}</Link>
        </div>
      </div>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate();
  };
  const expires = new Date(stepUp.expiresAt).toLocaleTimeString(locale, {
    hour: 'numeric',
    minute: '2-digit',
  });
  const wait = retryAfterOf(resend.error);
  const spent =
    confirm.error instanceof AtriumError &&
    (confirm.error.code === 'TOO_MANY_ATTEMPTS' || confirm.error.code === 'CODE_EXPIRED');

  return (
    <div className="page narrow">
      <div className="panel auth">
        <h1>{t('stepUp.title')}</h1>
        <p>{t(stepUp.channel === 'sms' ? 'stepUp.sentSms' : 'stepUp.sentEmail')}</p>
        <form className="form" onSubmit={submit} aria-label={t('stepUp.title')}>
          <label className="field">
            <span>{t('stepUp.code')}</span>
            <input
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\s*[0-9]{4,10}\s*"
              required
              value={code}
              onChange={(event) => setCode(event.target.value)}
              aria-describedby="step-up-expiry"
              aria-invalid={confirm.isError ? true : undefined}
            />
            <small id="step-up-expiry">{t('stepUp.expires', { time: expires })}</small>
          </label>
          {resent ? (
            <p className="hint" role="status">
              {t('stepUp.resent')}
            </p>
          ) : null}
          {confirm.isError ? <ErrorMessage error={confirm.error} /> : null}
          {resend.isError ? (
            wait !== null ? (
              <div className="error" role="alert">
                <p>{t('stepUp.wait', { seconds: wait })}</p>
              </div>
            ) : (
              <ErrorMessage error={resend.error} />
            )
          ) : null}
          <button
            type="submit"
            className="button block"
            disabled={confirm.isPending || spent || !code.trim()}
          >
            {t('stepUp.confirm')}
          </button>
          <button
            type="button"
            className={spent ? 'button secondary block' : 'link-button'}
            disabled={resend.isPending}
            onClick={() => resend.mutate()}
          >
            {t('auth.resend')}
          </button>
        </form>
        <p className="muted small">{t('stepUp.why')}</p>
      </div>
    </div>
  );
}
