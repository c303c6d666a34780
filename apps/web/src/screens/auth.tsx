import { type Account, AtriumError } from '@atrium/sdk';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import { ErrorMessage } from '../components/common.js';
import { rememberDeletionCancelled } from '../components/delete-account.js';
import { useLocale, useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { deviceReady } from '../lib/device.js';
import { withProofOfWork } from '../lib/proof-of-work.js';
import { useSessionChanged } from '../lib/session.js';

const COUNTRIES: Array<[code: string, dial: string]> = [
  ['CN', '86'],
  ['US', '1'],
  ['GB', '44'],
  ['CA', '1'],
  ['AU', '61'],
  ['BR', '55'],
  ['DE', '49'],
  ['FR', '33'],
  ['HK', '852'],
  ['IN', '91'],
  ['ID', '62'],
  ['IT', '39'],
  ['JP', '81'],
  ['KR', '82'],
  ['MO', '853'],
  ['MX', '52'],
  ['MY', '60'],
  ['NL', '31'],
  ['NZ', '64'],
  ['PH', '63'],
  ['RU', '7'],
  ['SG', '65'],
  ['ES', '34'],
  ['TW', '886'],
  ['TH', '66'],
  ['TR', '90'],
  ['VN', '84'],
];

/** The browser's region when we list it (en-GB → GB), else China. */
function defaultCountry(): string {
  for (const tag of navigator.languages ?? []) {
    const region = /-([A-Z]{2})\b/.exec(tag)?.[1];
    if (region && COUNTRIES.some(([code]) => code === region)) return region;
  }
  return 'CN';
}

/** Outside production the server keeps codes in a dev outbox; say so instead of waiting for an SMS. */
function useDevOutbox() {
  return useQuery({
    queryKey: ['dev-outbox-probe'],
    queryFn: async () => {
      try {
        await api.dev.outbox('+0');
        return true;
      } catch {
        return false;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function useSignedIn() {
  const changed = useSessionChanged();
  const [, navigate] = useLocation();
  return async (
    account: Account,
    options: { created?: boolean; deletionCancelled?: boolean } = {},
  ) => {
    // a login in a deletion's grace period cancelled it: the banner says so after navigating
    if (options.deletionCancelled) rememberDeletionCancelled();
    await changed(account);
    const param = new URLSearchParams(window.location.search).get('next');
    const next = param?.startsWith('/') && !param.startsWith('//') ? param : '/';
    // a sign-up asked for a step-up confirms its code first, then is welcomed; any other new
    // account is welcomed first (onboarding, shown once), then goes on
    if (account.stepUp) navigate(`/confirm?${new URLSearchParams({ next }).toString()}`);
    else if (options.created && !account.onboarded)
      navigate(next === '/' ? '/welcome' : `/welcome?${new URLSearchParams({ next }).toString()}`);
    else navigate(next);
  };
}

function PhoneForm() {
  const { t } = useT();
  const { locale } = useLocale();
  const signedIn = useSignedIn();
  const dev = useDevOutbox();
  const [country, setCountry] = useState(defaultCountry);
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [handle, setHandle] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const names = useMemo(() => {
    const display = new Intl.DisplayNames([locale], { type: 'region' });
    return COUNTRIES.map(([id, dial]) => ({ id, dial, name: display.of(id) ?? id })).sort((a, b) =>
      a.name.localeCompare(b.name, locale),
    );
  }, [locale]);
  const dial = COUNTRIES.find(([id]) => id === country)?.[1] ?? '';

  const [solving, onSolving] = useSolvingState();
  const start = useMutation({
    // risk control may ask for a proof of work: solved here, and the device fingerprint first
    mutationFn: async () => {
      await deviceReady();
      return withProofOfWork(
        (proof) => api.auth.phoneStart({ phone, country, ...(proof ? { proof } : {}) }),
        onSolving,
      );
    },
    onSuccess: (result) => setVerificationId(result.verificationId),
  });
  const verify = useMutation({
    mutationFn: () =>
      withProofOfWork(
        (proof) =>
          api.auth.phoneVerify({
            verificationId: verificationId!,
            code: code.trim(),
            ...(handle.trim() ? { handle: handle.trim() } : {}),
            ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
            locale,
            ...(proof ? { proof } : {}),
          }),
        onSolving,
      ).catch((error: unknown) => {
        // TOTP on: the SMS code was right, and the authenticator's code is asked too
        const next = secondFactorChallenge(error);
        if (!next) throw error;
        setChallenge(next);
        return null;
      }),
    onSuccess: (result) => {
      if (result)
        signedIn(result.account, {
          created: result.created,
          deletionCancelled: result.deletionCancelled === true,
        });
    },
  });
  const [challenge, setChallenge] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!verificationId) start.mutate();
    else verify.mutate();
  };

  if (challenge) {
    return (
      <SecondFactorForm
        challenge={challenge}
        onExpired={() => {
          // the SMS code is spent: start over with a new one
          setChallenge(null);
          setVerificationId(null);
          setCode('');
        }}
      />
    );
  }

  return (
    <form className="form" onSubmit={submit} aria-label={t('auth.phoneTab')}>
      <div className="phone-row">
        <label className="field country">
          <span>{t('auth.country')}</span>
          <select
            value={country}
            onChange={(event) => setCountry(event.target.value)}
            disabled={!!verificationId}
          >
            {names.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name} +{item.dial}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>{t('auth.phone')}</span>
          <div className="prefixed">
            <span className="prefix" aria-hidden="true">
              +{dial}
            </span>
            <input
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel-national"
              required
              value={phone}
              disabled={!!verificationId}
              onChange={(event) => setPhone(event.target.value)}
            />
          </div>
        </label>
      </div>
      {dev.data ? <p className="hint dev-hint">{t('auth.devHint')}</p> : null}
      {verificationId ? (
        <>
          <p className="hint" role="status">
            {t('auth.codeSent', { phone: `+${dial} ${phone}` })}
          </p>
          <label className="field">
            <span>{t('auth.code')}</span>
            <input
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('auth.handle')}</span>
            <input
              name="handle"
              autoComplete="username"
              value={handle}
              onChange={(event) => setHandle(event.target.value)}
              aria-describedby="handle-hint"
            />
            <small id="handle-hint">{t('auth.handleHint')}</small>
          </label>
          <label className="field">
            <span>{t('auth.displayName')}</span>
            <input
              name="displayName"
              autoComplete="nickname"
              value={displayName}
              onChange={(event) => setDisplayName(event.target.value)}
            />
          </label>
          <SolvingStatus state={solving} />
          {verify.isError ? <ErrorMessage error={verify.error} /> : null}
          <button type="submit" className="button block" disabled={verify.isPending}>
            {t('auth.continue')}
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setVerificationId(null);
              setCode('');
            }}
          >
            {t('auth.resend')}
          </button>
        </>
      ) : (
        <>
          <SolvingStatus state={solving} />
          {start.isError ? <ErrorMessage error={start.error} /> : null}
          <button type="submit" className="button block" disabled={start.isPending}>
            {t('auth.sendCode')}
          </button>
        </>
      )}
    </form>
  );
}

function EmailForm() {
  const { t } = useT();
  const { locale } = useLocale();
  const signedIn = useSignedIn();
  const [mode, setMode] = useState<'login' | 'signup'>('login');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [handle, setHandle] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [solving, onSolving] = useSolvingState();
  // TOTP on: the password was right, and the server asks for a code (the second step)
  const [challenge, setChallenge] = useState<string | null>(null);
  // why the second step ended without signing in (it expired), shown over the password again
  const [secondFactorEnd, setSecondFactorEnd] = useState<unknown>(null);
  const submit = useMutation({
    mutationFn: async () => {
      await deviceReady();
      return withProofOfWork(
        (proof) =>
          mode === 'login'
            ? api.auth.login({ login: login.trim(), password, ...(proof ? { proof } : {}) })
            : api.auth.signup({
                email: login.trim(),
                password,
                handle: handle.trim(),
                ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
                locale,
                ...(proof ? { proof } : {}),
              }),
        onSolving,
      ).catch((error: unknown) => {
        const next = secondFactorChallenge(error);
        if (!next) throw error;
        setChallenge(next);
        return null;
      });
    },
    // the mode is read at the answer: a sign-up's account is new
    onSuccess: (result) => {
      if (result)
        signedIn(result.account, {
          created: mode === 'signup',
          deletionCancelled: 'deletionCancelled' in result && result.deletionCancelled === true,
        });
    },
  });
  if (challenge) {
    return (
      <SecondFactorForm
        challenge={challenge}
        onExpired={(error) => {
          setChallenge(null);
          setPassword('');
          setSecondFactorEnd(error ?? null);
        }}
      />
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate();
  };
  return (
    <form className="form" onSubmit={onSubmit} aria-label={t('auth.emailTab')}>
      <label className="field">
        <span>{mode === 'login' ? t('auth.login') : t('auth.email')}</span>
        <input
          name="login"
          type={mode === 'login' ? 'text' : 'email'}
          autoComplete={mode === 'login' ? 'username' : 'email'}
          required
          value={login}
          onChange={(event) => setLogin(event.target.value)}
        />
      </label>
      {mode === 'signup' ? (
        <>
          <label className="field">
            <span>{t('auth.handle')}</span>
            <input
              name="handle"
              required
              autoComplete="username"
              value={handle}
              onChange={(event) => setHandle(event.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('auth.displayName')}</span>
            <input
              name="displayName"
              autoComplete="nickname"
              value={displayName}
              onChange={(event) => setDisplayName(event.target.value)}
            />
          </label>
        </>
      ) : null}
      <label className="field">
        <span>{t('auth.password')}</span>
        <input
          name="password"
          type="password"
          required
          minLength={mode === 'signup' ? 10 : 1}
          autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-describedby={mode === 'signup' ? 'password-hint' : undefined}
        />
        {mode === 'signup' ? <small id="password-hint">{t('auth.passwordHint')}</small> : null}
      </label>
      <SolvingStatus state={solving} />
      {submit.isError ? (
        <ErrorMessage error={submit.error} />
      ) : secondFactorEnd && !submit.isPending ? (
        <ErrorMessage error={secondFactorEnd} />
      ) : null}
      <button type="submit" className="button block" disabled={submit.isPending}>
        {mode === 'login' ? t('auth.signIn') : t('auth.signUp')}
      </button>
      <button
        type="button"
        className="link-button"
        onClick={() => setMode(mode === 'login' ? 'signup' : 'login')}
      >
        {mode === 'login' ? t('auth.newHere') : t('auth.haveAccount')}
      </button>
    </form>
  );
}

/** The challenge of a 401 SECOND_FACTOR_REQUIRED answer to a login, or null for other errors. */
function secondFactorChallenge(error: unknown): string | null {
  if (!(error instanceof AtriumError) || error.code !== 'SECOND_FACTOR_REQUIRED') return null;
  const challenge = (error.problem as { challenge?: unknown }).challenge;
  return typeof challenge === 'string' ? challenge : null;
}

/**
 * The second step of a login with TOTP on: a code from the authenticator app, or one of the
 * recovery codes. An expired step goes back to the password.
 */
function SecondFactorForm({
  challenge,
  onExpired,
}: {
  challenge: string;
  onExpired: (error?: unknown) => void;
}) {
  const { t } = useT();
  const signedIn = useSignedIn();
  const [code, setCode] = useState('');
  const verify = useMutation({
    mutationFn: () => api.auth.loginSecondFactor({ challenge, code: code.trim() }),
    onSuccess: (result) => signedIn(result.account, { created: false }),
    onError: (error) => {
      if (error instanceof AtriumError && error.code === 'SECOND_FACTOR_EXPIRED') onExpired(error);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) verify.mutate();
  };
  return (
    <form className="form" onSubmit={onSubmit} aria-label={t('auth.secondFactor')}>
      <p className="hint">{t('auth.secondFactorHint')}</p>
      <label className="field">
        <span>{t('auth.secondFactorCode')}</span>
        <input
          name="code"
          autoComplete="one-time-code"
          // digits from an app, or a recovery code with letters: not numeric-only
          autoCapitalize="off"
          spellCheck={false}
          required
          minLength={6}
          maxLength={32}
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      </label>
      {verify.isError ? <ErrorMessage error={verify.error} /> : null}
      <button type="submit" className="button block" disabled={verify.isPending}>
        {t('auth.signIn')}
      </button>
      <button type="button" className="link-button" onClick={() => onExpired()}>
        {t('auth.secondFactorBack')}
      </button>
    </form>
  );
}

export function AuthScreen() {
  const { t } = useT();
  const [tab, setTab] = useState<'phone' | 'email'>('phone');
  return (
    <div className="page narrow">
      <div className="panel auth">
        <h1>{t('auth.title')}</h1>
        <div className="segmented" role="tablist" aria-label={t('auth.title')}>
          {(['phone', 'email'] as const).map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`panel-${id}`}
              className={tab === id ? 'active' : ''}
              onClick={() => setTab(id)}
            >
              {id === 'phone' ? t('auth.phoneTab') : t('auth.emailTab')}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
          {tab === 'phone' ? <PhoneForm /> : <EmailForm />}
        </div>
        <p className="muted small">{t('auth.terms')}</p>
      </div>
    </div>
  );
}

type Solving = null | 'quiet' | 'visible';

/** Whether a proof of work is being solved, and whether risk asked the form to say so plainly. */
function useSolvingState(): [Solving, (active: boolean, visible: boolean) => void] {
  const [solving, setSolving] = useState<Solving>(null);
  return [
    solving,
    (active, visible) => setSolving(active ? (visible ? 'visible' : 'quiet') : null),
  ];
}

/** A quiet status while the browser solves a challenge; a plainer one when risk is high. */
function SolvingStatus({ state }: { state: Solving }) {
  const { t } = useT();
  if (!state) return null;
  return (
    <p className="hint" role="status">
      {t(state === 'visible' ? 'auth.checkingDevice' : 'auth.solving')}
    </p>
  );
}
