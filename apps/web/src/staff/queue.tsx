import type { CaseSummary, QueueQuery } from '@atrium/sdk';
import { type InfiniteData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { Empty, ErrorMessage, Loading } from '../components/common.js';
import { en, type MessageKey } from '../i18n/en.js';
import { api } from '../lib/api.js';
import { regionName } from '../lib/regions.js';
import { countriesIn } from './countries.js';
import { useST } from './use-staff.js';

type CasePage = { items: CaseSummary[]; nextCursor: string | null };
type Filters = Omit<QueueQuery, 'cursor' | 'limit'>;

const STATUSES = ['active', 'open', 'claimed', 'resolved'] as const;
const SOURCES = ['report', 'automated', 'appeal'] as const;

/** The filters live in the address, so a case opened from the queue leads back to the same view. */
function filtersFrom(params: URLSearchParams): Filters {
  const filters: Filters = {};
  const status = params.get('status');
  if (status && (STATUSES as readonly string[]).includes(status))
    filters.status = status as Filters['status'];
  const source = params.get('source');
  if (source && (SOURCES as readonly string[]).includes(source))
    filters.source = source as Filters['source'];
  for (const key of ['lang', 'region', 'category'] as const) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  for (const key of ['minPriority', 'olderThanHours'] as const) {
    const value = Number(params.get(key));
    if (params.get(key) && Number.isInteger(value) && value > 0) filters[key] = value;
  }
  return filters;
}

function FilterForm({ filters, onApply }: { filters: Filters; onApply: (next: Filters) => void }) {
  const { st, locale } = useST();
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(filters).map(([key, value]) => [key, String(value)])),
  );
  const set = (key: string) => (event: { target: { value: string } }) =>
    setDraft((previous) => ({ ...previous, [key]: event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    for (const [key, value] of Object.entries(draft)) if (value.trim()) next[key] = value.trim();
    onApply(filtersFrom(new URLSearchParams(next)));
  };
  const reset = () => {
    setDraft({});
    onApply({});
  };
  return (
    <form className="staff-filters" onSubmit={submit} aria-label={st('staff.queue.filters')}>
      <label className="field">
        <span>{st('staff.queue.status')}</span>
        <select value={draft.status ?? 'active'} onChange={set('status')}>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {st(`staff.status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{st('staff.queue.source')}</span>
        <select value={draft.source ?? ''} onChange={set('source')}>
          <option value="">{st('staff.queue.any')}</option>
          {SOURCES.map((source) => (
            <option key={source} value={source}>
              {st(`staff.source.${source}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{st('staff.queue.category')}</span>
        <input value={draft.category ?? ''} onChange={set('category')} maxLength={40} />
      </label>
      <label className="field">
        <span>{st('staff.queue.language')}</span>
        <input
          value={draft.lang ?? ''}
          onChange={set('lang')}
          placeholder="en, zh, pt-BR"
          pattern="[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*"
        />
      </label>
      <label className="field">
        <span>{st('staff.queue.region')}</span>
        <select value={draft.region ?? ''} onChange={set('region')}>
          <option value="">{st('staff.queue.any')}</option>
          {countriesIn(locale).map((country) => (
            <option key={country.code} value={country.code}>
              {country.name} ({country.code})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{st('staff.queue.minPriority')}</span>
        <input
          type="number"
          min={0}
          max={1000}
          value={draft.minPriority ?? ''}
          onChange={set('minPriority')}
        />
      </label>
      <label className="field">
        <span>{st('staff.queue.olderThan')}</span>
        <input
          type="number"
          min={1}
          max={8760}
          value={draft.olderThanHours ?? ''}
          onChange={set('olderThanHours')}
        />
      </label>
      <div className="staff-filter-actions">
        <button type="submit" className="button small">
          {st('staff.queue.apply')}
        </button>
        <button type="button" className="button secondary small" onClick={reset}>
          {st('staff.queue.reset')}
        </button>
      </div>
    </form>
  );
}

const LEXICON_CATEGORIES = ['drugs', 'firearms', 'gambling', 'adult_services', 'fraud'] as const;

/**
 * A category's name in the interface language: report reasons and lexicon categories have
 * messages; only a category added to the policy since is shown as it is.
 */
export function useCategoryName() {
  const { t, st } = useST();
  return (category: string) => {
    if (category === 'appeal') return st('staff.source.appeal');
    const key = `report.reason.${category}`;
    if (key in en) return t(key as MessageKey);
    return (LEXICON_CATEGORIES as readonly string[]).includes(category)
      ? st(`staff.category.${category as (typeof LEXICON_CATEGORIES)[number]}`)
      : category;
  };
}

/** A case source's name ("Reports", "Automated", "Appeal"). */
export function useSourceName() {
  const { st } = useST();
  return (source: string) =>
    (SOURCES as readonly string[]).includes(source)
      ? st(`staff.source.${source as (typeof SOURCES)[number]}`)
      : source;
}

export function QueueScreen() {
  const { st, t, date, locale } = useST();
  const categoryName = useCategoryName();
  const sourceName = useSourceName();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const apply = (next: Filters) =>
    setParams(Object.fromEntries(Object.entries(next).map(([key, value]) => [key, String(value)])));
  const counts = useQuery({
    queryKey: ['staff', 'counts', filters],
    queryFn: () => api.moderation.counts(filters),
  });
  const cases = useInfiniteQuery<
    CasePage,
    Error,
    InfiniteData<CasePage>,
    unknown[],
    string | undefined
  >({
    queryKey: ['staff', 'cases', filters],
    queryFn: ({ pageParam }) =>
      api.moderation.cases({ ...filters, limit: 25, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = cases.data?.pages.flatMap((page) => page.items) ?? [];
  const toggleCategory = (category: string) =>
    apply({ ...filters, category: filters.category === category ? undefined : category });
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{st('staff.queue.title')}</h1>
      <FilterForm key={params.toString()} filters={filters} onApply={apply} />
      <div className="staff-counts" aria-live="polite">
        {counts.data ? (
          <>
            <span className="staff-total">
              {st('staff.queue.total', { count: counts.data.total })}
            </span>
            {counts.data.byCategory.map((row) => (
              <button
                key={row.category}
                type="button"
                className="chip"
                aria-pressed={filters.category === row.category}
                onClick={() => toggleCategory(row.category)}
              >
                {categoryName(row.category)} <strong>{row.count}</strong>
              </button>
            ))}
          </>
        ) : counts.isError ? (
          <ErrorMessage error={counts.error} />
        ) : null}
      </div>
      {cases.isPending ? (
        <Loading />
      ) : cases.isError && !cases.data ? (
        <ErrorMessage error={cases.error} onRetry={() => void cases.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{st('staff.queue.empty')}</Empty>
      ) : (
        <div
          className="table-scroll"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls, and the keyboard must reach it
          tabIndex={0}
        >
          <table className="staff-table">
            <caption className="visually-hidden">{st('staff.queue.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{st('staff.case.priority')}</th>
                <th scope="col">{st('staff.case.content')}</th>
                <th scope="col">{st('staff.queue.category')}</th>
                <th scope="col">{st('staff.queue.source')}</th>
                <th scope="col">{st('staff.case.author')}</th>
                <th scope="col">{st('staff.case.langRegion')}</th>
                <th scope="col">{st('staff.case.reports')}</th>
                <th scope="col">{st('staff.case.age')}</th>
                <th scope="col">{st('staff.case.claimedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} className={`status-${item.status}`}>
                  <td>
                    <span
                      className="priority"
                      data-level={Math.min(3, Math.floor(item.priority / 40))}
                    >
                      {item.priority}
                    </span>
                  </td>
                  <td className="excerpt">
                    <Link href={`/cases/${item.id}`}>
                      <span className="visually-hidden">
                        {st(`staff.target.${item.targetType}`)}:{' '}
                      </span>
                      {item.excerpt || st('staff.case.noText')}
                    </Link>
                  </td>
                  <td>{categoryName(item.category)}</td>
                  <td>{sourceName(item.source)}</td>
                  <td>@{item.subject.handle}</td>
                  <td>
                    {item.lang ?? '—'} ·{' '}
                    {item.region ? (
                      <abbr title={regionName(item.region, locale)}>{item.region}</abbr>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{item.reportCount}</td>
                  <td>
                    <time dateTime={item.openedAt}>{date(item.openedAt)}</time>
                  </td>
                  <td>
                    {item.status === 'resolved'
                      ? st('staff.status.resolved')
                      : item.claimedBy
                        ? `@${item.claimedBy}`
                        : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cases.hasNextPage ? (
        <button
          type="button"
          className="button secondary small"
          disabled={cases.isFetchingNextPage}
          onClick={() => void cases.fetchNextPage()}
        >
          {t('common.loadMore')}
        </button>
      ) : null}
      {cases.isFetchNextPageError ? <ErrorMessage error={cases.error} /> : null}
    </section>
  );
}
