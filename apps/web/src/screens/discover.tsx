import { NoteFeed } from '../components/note-grid.js';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';

export function DiscoverScreen() {
  const { t } = useT();
  return (
    <div className="page wide">
      <h1 className="visually-hidden">{t('feed.title')}</h1>
      <NoteFeed
        queryKey={['feed', 'discover']}
        fetchPage={(cursor) => api.feeds.discover({ cursor, limit: 20 })}
        empty={t('feed.empty')}
        label={t('feed.label')}
      />
    </div>
  );
}
