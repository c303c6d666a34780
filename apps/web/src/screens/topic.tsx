import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorMessage, Loading } from '../components/common.js';
import { NoteFeed } from '../components/note-grid.js';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';

export function TopicScreen({ tag }: { tag: string }) {
  const { t, count } = useT();
  const [sort, setSort] = useState<'hot' | 'new'>('hot');
  const query = useQuery({ queryKey: ['topic', tag], queryFn: () => api.topics.get(tag) });
  if (query.isPending) return <Loading />;
  if (query.isError)
    return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const topic = query.data;
  return (
    <div className="page wide">
      <header className="topic-header">
        <span className="topic-badge" aria-hidden="true">
          #
        </span>
        <div>
          <h1>{topic.display}</h1>
          <p className="muted">
            {t('topic.notes', { count: topic.counts.notes, shown: count(topic.counts.notes) })} ·{' '}
            {t('topic.views', { count: topic.counts.views, shown: count(topic.counts.views) })} ·{' '}
            {t('topic.discussions', {
              count: topic.counts.discussions,
              shown: count(topic.counts.discussions),
            })}
          </p>
        </div>
      </header>
      <div className="tabs" role="tablist" aria-label={t('topic.sort')}>
        {(['hot', 'new'] as const).map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={sort === id}
            className={sort === id ? 'active' : ''}
            onClick={() => setSort(id)}
          >
            {id === 'hot' ? t('topic.hot') : t('topic.new')}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        <NoteFeed
          key={sort}
          queryKey={['feed', 'topic', topic.tag, sort]}
          fetchPage={(cursor) => api.topics.notes(topic.tag, { cursor, limit: 20, sort })}
          empty={t('topic.empty')}
          label={topic.display}
        />
      </div>
    </div>
  );
}
