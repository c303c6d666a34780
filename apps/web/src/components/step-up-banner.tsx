import { Link, useLocation } from 'wouter';
import { useT } from '../i18n/provider.js';
import { useMe } from '../lib/session.js';

/**
 * Shown on every screen while the account's sign-up still has a step-up to confirm (docs/risk.md,
 * "Step-up"): posting waits for the code sent by e-mail or SMS, so the banner says where it went
 * and leads to the form. What it knows comes with the account (`stepUp` of `GET /api/me`).
 */
export function StepUpBanner() {
  const { t } = useT();
  const me = useMe();
  const [location] = useLocation();
  const stepUp = me.data?.stepUp;
  if (!stepUp || location === '/confirm') return null;
  return (
    <section className="step-up-banner" aria-labelledby="step-up-banner-title">
      <p id="step-up-banner-title">
        <strong>{t('stepUp.bannerTitle')}</strong>
      </p>
      <p>{t(stepUp.channel === 'sms' ? 'stepUp.sentSms' : 'stepUp.sentEmail')}</p>
      <Link href="/confirm" className="button small">
        {t('stepUp.enter')}
      </Link>
    </section>
  );
}
