import { Link, useLocation } from 'wouter';
import { useT } from '../i18n/provider.js';
import { useMe } from '../lib/session.js';

/**
 * Shown on every screen while the signed-in account is suspended or banned: the session can
 * still read the decisions about the account and appeal them (the server refuses the rest with
 * ACCOUNT_SUSPENDED), so the banner says so and leads to the notices.
 */
export function RestrictedBanner() {
  const { t, locale } = useT();
  const me = useMe();
  const [location] = useLocation();
  const sanction = me.data?.sanction;
  if (!sanction) return null;
  const heading =
    sanction.type === 'ban' || !sanction.until
      ? t('restricted.banned')
      : t('restricted.suspended', {
          date: new Date(sanction.until).toLocaleString(locale, {
            dateStyle: 'medium',
            timeStyle: 'short',
          }),
        });
  return (
    <section className="restricted" role="alert" aria-labelledby="restricted-title">
      <p id="restricted-title">
        <strong>{heading}</strong>
      </p>
      <p>{sanction.type === 'ban' ? t('restricted.bannedBody') : t('restricted.body')}</p>
      {location !== '/notices' ? (
        <Link href="/notices" className="button small">
          {t('restricted.notices')}
        </Link>
      ) : null}
    </section>
  );
}
