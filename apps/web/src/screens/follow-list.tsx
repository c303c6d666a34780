import type { FollowListPage } from '@atrium/sdk';
import { type InfiniteData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { Empty, ErrorMessage, Loading } from '../components/common.js';
import { FollowButton, PersonRow } from '../components/people.js';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { useMe } from '../lib/session.js';

type Direction = 'followers' | 'following';

/**
 * A profile's followers or the accounts it follows (`/u/:handle/followers`, `/following`),
 * newest first, a page at a time with _Show more_; each with Follow for a signed-in viewer.
 */
export function FollowListScreen({ handle, direction }: { handle: string; direction: Direction }) {
  const { t } = useT();
  const me = useMe();
  const profile = useQuery({ queryKey: ['profile', handle], queryFn: () => api.users.get(handle) });
  const list = useInfiniteQuery<
    FollowListPage,
    Error,
    InfiniteData<FollowListPage>,
    readonly unknown[],
    string | undefined
  >({
    queryKey: ['follows', direction, handle],
    queryFn: ({ pageParam }) =>
      (direction === 'followers' ? api.users.followers : api.users.following)(handle, {
        cursor: pageParam,
        limit: 20,
      }),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const name = profile.data?.displayName ?? handle;
  const entries = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="page narrow follow-list">
      <p>
        <Link href={`/u/${handle}`}>{t('follows.back', { name })}</Link>
      </p>
      <h1>
        {direction === 'followers'
          ? t('follows.followersTitle', { name })
          : t('follows.followingTitle', { name })}
      </h1>
      <nav className="tabs follow-tabs" aria-label={t('follows.sections')}>
        {(['followers', 'following'] as const).map((id) => (
          <Link
            key={id}
            href={`/u/${handle}/${id}`}
            className={id === direction ? 'active' : ''}
            aria-current={id === direction ? 'page' : undefined}
          >
            {id === 'followers' ? t('profile.followers') : t('profile.following')}
          </Link>
        ))}
      </nav>
      {list.isPending ? (
        <Loading />
      ) : list.isError && !list.data ? (
        <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />
      ) : entries.length === 0 ? (
        <Empty>
          {direction === 'followers' ? t('follows.noFollowers') : t('follows.noFollowing')}
        </Empty>
      ) : (
        <ul className="people">
          {entries.map((entry) => (
            <PersonRow
              key={entry.account.id}
              account={entry.account}
              detail={entry.bio ? <span className="person-bio">{entry.bio}</span> : null}
              action={
                me.data && me.data.id !== entry.account.id ? (
                  <FollowButton
                    handle={entry.account.handle}
                    name={entry.account.displayName}
                    following={entry.following}
                  />
                ) : null
              }
            />
          ))}
        </ul>
      )}
      {list.hasNextPage ? (
        <button
          type="button"
          className="button secondary block"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {list.isFetchingNextPage ? t('common.loading') : t('follows.more')}
        </button>
      ) : null}
      {list.isFetchNextPageError ? <ErrorMessage error={list.error} /> : null}
    </div>
  );
}
