import { Link } from 'wouter';
import { Icon } from '../components/common.js';
import { NoteFeed } from '../components/note-grid.js';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';

export function DiscoverScreen() {
  const { t } = useT();
  return (
    <div className="page wide">
      <div className="feed-header">
        <h1 className="visually-hidden">{t('feed.title')}</h1>
        <Link href="/immersive" className="chip immersive-link">
          <Icon name="immersive" />
          {t('feed.immersive')}
        </Link>
      </div>
      <NoteFeed
        queryKey={['feed', 'discover']}
        fetchPage={(cursor) => api.feeds.discover({ cursor, limit: 20 })}
        empty={t('feed.empty')}
        label={t('feed.label')}
      />
    </div>
  );
}
