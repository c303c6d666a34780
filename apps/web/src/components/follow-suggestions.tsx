import type { FollowSuggestion } from '@atrium/sdk';
import { useQuery } from '@tanstack/react-query';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { ErrorMessage, Loading } from './common.js';
import { FollowButton, PersonRow } from './people.js';

/** Why an account is suggested, in a few words. */
function Reason({ suggestion }: { suggestion: FollowSuggestion }) {
  const { t } = useT();
  if (suggestion.reason === 'interest' && suggestion.topic)
    return <>{t('suggestions.reason.interest', { tag: suggestion.topic })}</>;
  if (suggestion.reason === 'language') return <>{t('suggestions.reason.language')}</>;
  return <>{t('suggestions.reason.popular')}</>;
}

/**
 * People to follow (`GET /api/me/follow-suggestions`): by the interests chosen at onboarding,
 * the languages one reads and popularity. A followed person stays in the list, pressed, so
 * the list does not jump under the pointer.
 */
export function FollowSuggestions({ titleId, limit = 8 }: { titleId: string; limit?: number }) {
  const { t } = useT();
  const query = useQuery({
    queryKey: ['follow-suggestions', limit],
    queryFn: () => api.me.followSuggestions({ limit }),
    staleTime: 5 * 60_000,
  });
  if (query.isPending) return <Loading />;
  if (query.isError)
    return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <p className="muted">{t('suggestions.none')}</p>;
  return (
    <ul className="people" aria-labelledby={titleId}>
      {query.data.items.map((suggestion) => (
        <PersonRow
          key={suggestion.account.id}
          account={suggestion.account}
          detail={<Reason suggestion={suggestion} />}
          action={
            <FollowButton
              handle={suggestion.account.handle}
              name={suggestion.account.displayName}
              following={false}
            />
          }
        />
      ))}
    </ul>
  );
}

/** The Following tab with nobody followed yet: people to follow instead of a dead end. */
export function FollowingEmpty() {
  const { t } = useT();
  return (
    <section className="following-empty" aria-labelledby="following-empty-title">
      <p className="empty-lead">{t('feed.followingEmpty')}</p>
      <h2 id="following-empty-title" className="section-title">
        {t('suggestions.title')}
      </h2>
      <FollowSuggestions titleId="following-empty-title" />
    </section>
  );
}
