import type { Profile, Topic } from '@atrium/sdk';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { Avatar, Empty, ErrorMessage, Loading } from '../components/common.js';
import { Masonry } from '../components/note-grid.js';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';

const TYPES = ['notes', 'users', 'topics'] as const;
type SearchType = (typeof TYPES)[number];

function Results({ q, type }: { q: string; type: SearchType }) {
  const { t, count } = useT();
  const query = useQuery({
    queryKey: ['search', type, q],
    queryFn: () => api.search(q, type, { limit: 30 }),
  });
  if (query.isPending) return <Loading />;
  if (query.isError)
    return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data.items;
  if (items.length === 0) return <Empty>{t('search.empty', { q })}</Empty>;
  if (type === 'notes') return <Masonry notes={items as never} label={t('search.notes')} />;
  if (type === 'users') {
    return (
      <ul className="result-list">
        {(items as Profile[]).map((user) => (
          <li key={user.id}>
            <Link href={`/u/${user.handle}`} className="result">
              <Avatar user={user} size={44} />
              <span>
                <strong>{user.displayName}</strong>
                <span className="muted"> @{user.handle}</span>
                <br />
                <span className="muted small">
                  {t('profile.followers')} {count(user.counts.followers)}
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ul className="result-list">
      {(items as Topic[]).map((topic) => (
        <li key={topic.tag}>
          <Link href={`/topic/${encodeURIComponent(topic.tag)}`} className="result">
            <span className="topic-badge small" aria-hidden="true">
              #
            </span>
            <span>
              <strong>{topic.display}</strong>
              <br />
              <span className="muted small">
                {t('topic.notes', { count: topic.counts.notes, shown: count(topic.counts.notes) })}
              </span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Trending() {
  const { t } = useT();
  const query = useQuery({
    queryKey: ['topics', 'trending'],
    queryFn: () => api.topics.trending(),
    staleTime: 60_000,
  });
  if (!query.data?.items.length) return <Empty>{t('search.prompt')}</Empty>;
  return (
    <section>
      <h2 className="section-title">{t('search.trending')}</h2>
      <div className="suggestions">
        {query.data.items.map((topic) => (
          <Link key={topic.tag} href={`/topic/${encodeURIComponent(topic.tag)}`} className="chip">
            #{topic.display}
          </Link>
        ))}
      </div>
    </section>
  );
}

export function SearchScreen() {
  const { t } = useT();
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const q = params.get('q') ?? '';
  const typeParam = params.get('type');
  const type: SearchType = TYPES.includes(typeParam as SearchType)
    ? (typeParam as SearchType)
    : 'notes';
  const [draft, setDraft] = useState(q);
  // a search started elsewhere (the header's box, a link) shows its words in this box too
  useEffect(() => setDraft(q), [q]);
  const go = (nextQ: string, nextType: SearchType) =>
    navigate(`/search?${new URLSearchParams({ q: nextQ, type: nextType }).toString()}`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) go(draft.trim(), type);
  };
  const labels: Record<SearchType, string> = {
    notes: t('search.notes'),
    users: t('search.users'),
    topics: t('search.topics'),
  };
  return (
    <div className="page wide">
      <h1 className="visually-hidden">{q ? t('search.resultsFor', { q }) : t('search.label')}</h1>
      <search>
        <form className="search-form" onSubmit={submit}>
          <label className="visually-hidden" htmlFor="search-input">
            {t('search.label')}
          </label>
          <input
            id="search-input"
            type="search"
            value={draft}
            placeholder={t('search.placeholder')}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" className="button small">
            {t('search.submit')}
          </button>
        </form>
      </search>
      {q ? (
        <>
          <div className="tabs" role="tablist" aria-label={t('search.tabs')}>
            {TYPES.map((id) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={type === id}
                className={type === id ? 'active' : ''}
                onClick={() => go(q, id)}
              >
                {labels[id]}
              </button>
            ))}
          </div>
          <div role="tabpanel">
            <Results q={q} type={type} />
          </div>
        </>
      ) : (
        <Trending />
      )}
    </div>
  );
}
