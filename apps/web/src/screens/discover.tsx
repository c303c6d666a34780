import { lazy, Suspense, useState } from 'react';
import { Link } from 'wouter';
import { Icon, Loading } from '../components/common.js';
import { NoteFeed } from '../components/note-grid.js';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { useMe } from '../lib/session.js';

// People to follow on an empty Following tab: a chunk of its own, out of the discovery bundle.
const FollowingEmpty = lazy(() =>
  import('../components/follow-suggestions.js').then((m) => ({ default: m.FollowingEmpty })),
);

export function DiscoverScreen() {
  const { t } = useT();
  const me = useMe();
  const [tab, setTab] = useState<'discover' | 'following'>('discover');
  const showing = me.data ? tab : 'discover';
  return (
    <div className="page wide">
      <div className="feed-header">
        <h1 className="visually-hidden">{t('feed.title')}</h1>
        {me.data ? (
          <div className="tabs feed-tabs" role="tablist" aria-label={t('feed.tabs')}>
            {(['discover', 'following'] as const).map((id) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={showing === id}
                className={showing === id ? 'active' : ''}
                onClick={() => setTab(id)}
              >
                {id === 'discover' ? t('feed.title') : t('feed.following')}
              </button>
            ))}
          </div>
        ) : null}
        <Link href="/immersive" className="chip immersive-link">
          <Icon name="immersive" />
          {t('feed.immersive')}
        </Link>
      </div>
      <div role={me.data ? 'tabpanel' : undefined}>
        {showing === 'discover' ? (
          <NoteFeed
            key="discover"
            queryKey={['feed', 'discover']}
            fetchPage={(cursor) => api.feeds.discover({ cursor, limit: 20 })}
            empty={t('feed.empty')}
            label={t('feed.label')}
            dismissable
          />
        ) : (
          <NoteFeed
            key="following"
            queryKey={['feed', 'following']}
            fetchPage={(cursor) => api.feeds.following({ cursor, limit: 20 })}
            empty={t('feed.followingEmpty')}
            emptyContent={
              <Suspense fallback={<Loading />}>
                <FollowingEmpty />
              </Suspense>
            }
            label={t('feed.following')}
          />
        )}
      </div>
    </div>
  );
}
