import { type MyTrust, TRUST_LIMIT_ORDER, type TrustLimitName } from '@atrium/sdk';
import { useQuery } from '@tanstack/react-query';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { useMe } from '../lib/session.js';

// not under 'me': a sign-in or sign-out invalidates every query but the account itself
export const trustKey = ['trust'] as const;

/**
 * "New account: some limits apply": shown to a level-0 account where it writes, with the limits
 * of its level and what the next level asks for (docs/risk.md, "Trust levels").
 */
export function TrustNotice() {
  const { t } = useT();
  const me = useMe();
  const trust = useQuery({
    queryKey: trustKey,
    queryFn: (): Promise<MyTrust> => api.me.trust(),
    enabled: Boolean(me.data),
    staleTime: 60_000,
  });
  const data = trust.data;
  if (!data || data.level > 0) return null;
  const limits = TRUST_LIMIT_ORDER.flatMap((name: TrustLimitName) => {
    const count = data.limits[name];
    return count === null ? [] : [{ name, count }];
  });
  return (
    <section className="trust-notice" aria-labelledby="trust-notice-title">
      <p id="trust-notice-title">
        <strong>{t('trust.title')}</strong>
      </p>
      <p>{t('trust.body')}</p>
      <ul>
        {limits.map(({ name, count }) => (
          <li key={name}>{t(`trust.limit.${name}` as const, { count })}</li>
        ))}
      </ul>
      {data.next ? (
        <p className="hint">
          {t('trust.next', {
            days: data.next.days,
            notes: data.next.notes,
            likes: data.next.likesReceived,
          })}
        </p>
      ) : null}
    </section>
  );
}
