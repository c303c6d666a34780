import {
  type Account,
  BIO_MAX,
  DISPLAY_NAME_MAX,
  type FeedLanguageMix,
  feedLanguageMixes,
} from '@atrium/sdk';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { AccessLog } from '../components/access-log.js';
import { Avatar, Empty, ErrorMessage, Loading } from '../components/common.js';
import { DataExport } from '../components/data-export.js';
import { DeleteAccount } from '../components/delete-account.js';
import { PasswordForm } from '../components/password-form.js';
import { ReadingLanguagesField, useAccountChange } from '../components/reading-languages.js';
import { TwoFactorSettings } from '../components/two-factor.js';
import { type Locale, localeNames, locales } from '../i18n/locale.js';
import { useLocale, useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { useBlocks, useBlockToggle } from '../lib/blocks.js';
import { languageName } from '../lib/languages.js';
import { useMe, useSessionChanged } from '../lib/session.js';
import { useStaffMe } from '../lib/staff.js';

function LanguagePicker() {
  const { t } = useT();
  const { setLocalChoice } = useLocale();
  const me = useMe();
  const changed = useSessionChanged();
  const current = me.data ? (me.data.locale ?? '') : (localStorage.getItem('atrium.locale') ?? '');
  const save = useMutation({
    mutationFn: async (next: Locale | null) => {
      setLocalChoice(next);
      if (me.data) await changed(await api.me.update({ locale: next }));
    },
  });
  return (
    <label className="field">
      <span>{t('settings.language')}</span>
      <select
        name="locale"
        value={current}
        onChange={(event) => save.mutate((event.target.value || null) as Locale | null)}
      >
        <option value="">{t('settings.languageAuto')}</option>
        {locales.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {localeNames[locale]}
          </option>
        ))}
      </select>
      {save.isError ? <ErrorMessage error={save.error} /> : null}
    </label>
  );
}

const FEED_MIX_KEYS = {
  everything: ['settings.feedMix.everything', 'settings.feedMix.everythingHint'],
  balanced: ['settings.feedMix.balanced', 'settings.feedMix.balancedHint'],
  mine: ['settings.feedMix.mine', 'settings.feedMix.mineHint'],
} as const satisfies Record<FeedLanguageMix, readonly [string, string]>;

/**
 * Languages I read, auto-translate and the language mix of Discover: each change is saved at
 * once (shown before the server answers, rolled back if it refuses).
 */
function ReadingSettings({ account }: { account: Account }) {
  const { t, locale } = useT();
  const { save, change } = useAccountChange();
  const chosen = account.languages;
  return (
    <section className="form" aria-labelledby="reading-title">
      <h2 id="reading-title" className="section-title">
        {t('settings.reading')}
      </h2>
      <ReadingLanguagesField account={account} change={change} describedBy="languages-hint" />
      <small id="languages-hint" className="muted">
        {t('settings.languagesHint')}{' '}
        {chosen.length === 0
          ? t('settings.languagesNone', {
              language: languageName(locale, locale, { inSentence: true }),
            })
          : null}
      </small>
      <label className="choice toggle">
        <input
          type="checkbox"
          name="autoTranslate"
          checked={account.autoTranslate}
          onChange={(event) => change({ autoTranslate: event.target.checked })}
        />
        <span>
          {t('settings.autoTranslate')}
          <small className="muted">{t('settings.autoTranslateHint')}</small>
        </span>
      </label>
      <fieldset className="choices stacked">
        <legend>{t('settings.feedMix')}</legend>
        {feedLanguageMixes.map((mix) => (
          <label key={mix} className="choice">
            <input
              type="radio"
              name="feedLanguageMix"
              value={mix}
              checked={account.feedLanguageMix === mix}
              onChange={() => change({ feedLanguageMix: mix })}
            />
            <span>
              {t(FEED_MIX_KEYS[mix][0])}
              <small className="muted">{t(FEED_MIX_KEYS[mix][1])}</small>
            </span>
          </label>
        ))}
        {chosen.length === 0 ? (
          <small className="muted">{t('settings.feedMixNeedsLanguages')}</small>
        ) : null}
      </fieldset>
      {save.isError ? <ErrorMessage error={save.error} /> : null}
      {save.isSuccess && !save.isPending ? (
        <span className="muted" role="status">
          {t('common.saved')}
        </span>
      ) : null}
    </section>
  );
}

function ProfileForm() {
  const { t } = useT();
  const me = useMe();
  const changed = useSessionChanged();
  const [displayName, setDisplayName] = useState(me.data?.displayName ?? '');
  const [bio, setBio] = useState(me.data?.bio ?? '');
  const save = useMutation({
    mutationFn: () => api.me.update({ displayName: displayName.trim(), bio }),
    onSuccess: (account) => changed(account),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="form" onSubmit={submit}>
      <h2 className="section-title">{t('settings.profile')}</h2>
      <AvatarPicker />
      <label className="field">
        <span>{t('settings.displayName')}</span>
        <input
          name="displayName"
          required
          maxLength={DISPLAY_NAME_MAX}
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
        />
      </label>
      <div className="field">
        <label htmlFor="settings-bio">{t('settings.bio')}</label>
        <textarea
          id="settings-bio"
          name="bio"
          rows={3}
          maxLength={BIO_MAX}
          value={bio}
          onChange={(event) => setBio(event.target.value)}
        />
      </div>
      {save.isError ? <ErrorMessage error={save.error} texts={{ displayName, bio }} /> : null}
      <button type="submit" className="button" disabled={save.isPending}>
        {t('common.save')}
      </button>
      {save.isSuccess ? (
        <span className="muted" role="status">
          {' '}
          {t('common.saved')}
        </span>
      ) : null}
    </form>
  );
}

/** The profile photo: an upload (checked and re-encoded by the server) set as the avatar. */
function AvatarPicker() {
  const { t } = useT();
  const me = useMe();
  const changed = useSessionChanged();
  const save = useMutation({
    mutationFn: async (file: File | null) => {
      const image = file ? await api.media.upload(file, file.name) : null;
      return api.me.update({ avatarMediaId: image?.id ?? null });
    },
    onSuccess: (account) => changed(account),
  });
  if (!me.data) return null;
  return (
    <fieldset className="field avatar-picker">
      <legend>{t('settings.avatar')}</legend>
      <Avatar user={me.data} size={64} />
      <label className="button secondary small">
        {t('settings.avatarChange')}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif"
          className="visually-hidden"
          disabled={save.isPending}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) save.mutate(file);
            event.target.value = '';
          }}
        />
      </label>
      {me.data.avatarUrl ? (
        <button
          type="button"
          className="button secondary small"
          disabled={save.isPending}
          onClick={() => save.mutate(null)}
        >
          {t('settings.avatarRemove')}
        </button>
      ) : null}
      {save.isError ? <ErrorMessage error={save.error} /> : null}
    </fieldset>
  );
}

function BlockedAccount({
  account,
}: {
  account: { handle: string; displayName: string; avatarUrl: string | null };
}) {
  const { t } = useT();
  const toggle = useBlockToggle(account.handle);
  return (
    <li className="person-row">
      <Link href={`/u/${account.handle}`} className="author-link">
        <Avatar user={account} size={32} />
        <span>
          {account.displayName} <span className="muted">@{account.handle}</span>
        </span>
      </Link>
      <button
        type="button"
        className="button secondary small"
        aria-label={t('blocks.unblock', { handle: account.handle })}
        disabled={toggle.isPending}
        onClick={() => toggle.mutate(false)}
      >
        {t('block.undo')}
      </button>
      {toggle.isError ? <ErrorMessage error={toggle.error} /> : null}
    </li>
  );
}

function BlockedAccounts() {
  const { t } = useT();
  const blocks = useBlocks();
  return (
    <section aria-labelledby="blocks-title">
      <h2 id="blocks-title" className="section-title">
        {t('blocks.title')}
      </h2>
      {blocks.isPending ? (
        <Loading />
      ) : blocks.isError ? (
        <ErrorMessage error={blocks.error} onRetry={() => void blocks.refetch()} />
      ) : blocks.data.items.length === 0 ? (
        <Empty>{t('blocks.empty')}</Empty>
      ) : (
        <ul className="person-list">
          {blocks.data.items.map((account) => (
            <BlockedAccount key={account.id} account={account} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function SettingsScreen() {
  const { t } = useT();
  const me = useMe();
  const staff = useStaffMe();
  const changed = useSessionChanged();
  const [, navigate] = useLocation();
  const logout = useMutation({
    mutationFn: () => api.auth.logout(),
    onSuccess: async () => {
      await changed(null);
      navigate('/');
    },
  });
  return (
    <div className="page narrow">
      <div className="panel">
        <h1>{t('settings.title')}</h1>
        <LanguagePicker />
        {me.data ? (
          <>
            <ProfileForm key={me.data.id} />
            <ReadingSettings account={me.data} />
            <h2 className="section-title">{t('settings.account')}</h2>
            <p className="muted">{t('settings.signedInAs', { handle: me.data.handle })}</p>
            <ul className="settings-links">
              <li>
                <Link href="/notices">{t('settings.notices')}</Link>
              </li>
              {staff.data ? (
                <li>
                  <Link href="/staff">{t('settings.staff')}</Link>
                </li>
              ) : null}
            </ul>
            {logout.isError ? <ErrorMessage error={logout.error} /> : null}
            <button type="button" className="button secondary" onClick={() => logout.mutate()}>
              {t('settings.logout')}
            </button>
            {/* accounts made by phone sign in with a code and have no password */}
            {me.data.hasPhone && !me.data.hasEmail ? null : (
              <>
                <PasswordForm handle={me.data.handle} />
                <TwoFactorSettings handle={me.data.handle} />
              </>
            )}
            <BlockedAccounts />
            <DataExport />
            <AccessLog />
            <DeleteAccount
              handle={me.data.handle}
              byPhone={me.data.hasPhone && !me.data.hasEmail}
            />
          </>
        ) : (
          <p>
            <Link href="/login?next=/settings" className="button">
              {t('nav.login')}
            </Link>
          </p>
        )}
      </div>
    </div>
  );
}
