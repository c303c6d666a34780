import type { AuditQuery, AuditRecord } from '@atrium/sdk';
import { type InfiniteData, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'wouter';
import { Empty, ErrorMessage, Loading } from '../components/common.js';
import { api } from '../lib/api.js';
import type { StaffMessageKey } from './i18n/en.js';
import { useST } from './use-staff.js';

type AuditPage = { items: AuditRecord[]; nextCursor: string | null };
type Filters = Pick<AuditQuery, 'action' | 'actorHandle' | 'targetType' | 'targetId'>;
const FILTERS = ['action', 'actorHandle', 'targetType', 'targetId'] as const;

function Verify() {
  const { st } = useST();
  const verify = useMutation({ mutationFn: () => api.staff.verifyAudit() });
  const result = verify.data;
  return (
    <section className="staff-panel" aria-labelledby="verify-title">
      <h2 id="verify-title">{st('staff.audit.verifyTitle')}</h2>
      <p className="muted small">{st('staff.audit.verifyHint')}</p>
      <button
        type="button"
        className="button small"
        disabled={verify.isPending}
        onClick={() => verify.mutate()}
      >
        {verify.isPending ? st('staff.audit.verifying') : st('staff.audit.verify')}
      </button>
      <div aria-live="polite">
        {result ? (
          result.ok ? (
            <div className="success">
              <p>{st('staff.audit.intact', { count: result.checked })}</p>
              {result.head ? (
                <p className="small">
                  {st('staff.audit.head', { seq: result.head.seq })} <code>{result.head.hash}</code>
                </p>
              ) : null}
            </div>
          ) : (
            <div className="error" role="alert">
              <div>
                <p>
                  <strong>{st('staff.audit.problems', { count: result.problems.length })}</strong>
                </p>
                <ul>
                  {result.problems.map((problem) => (
                    <li key={`${problem.seq}:${problem.kind}`}>
                      #{problem.seq}: {st(`staff.audit.kind.${problem.kind}` as StaffMessageKey)}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          )
        ) : null}
        {verify.isError ? <ErrorMessage error={verify.error} /> : null}
      </div>
    </section>
  );
}

export function AuditScreen() {
  const { st, t, time } = useST();
  const [params, setParams] = useSearchParams();
  const filters: Filters = {};
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const [draft, setDraft] = useState<Filters>(filters);
  const query = useInfiniteQuery<
    AuditPage,
    Error,
    InfiniteData<AuditPage>,
    unknown[],
    string | undefined
  >({
    queryKey: ['staff', 'audit', filters],
    queryFn: ({ pageParam }) =>
      api.staff.audit({ ...filters, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    for (const key of FILTERS) {
      const value = draft[key]?.trim();
      if (value) next[key] = value;
    }
    setParams(next);
  };
  const records = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{st('staff.audit.title')}</h1>
      <Verify />
      <form className="staff-filters" onSubmit={submit} aria-label={st('staff.queue.filters')}>
        {FILTERS.map((key) => (
          <label key={key} className="field">
            <span>{st(`staff.audit.${key}`)}</span>
            <input
              value={draft[key] ?? ''}
              maxLength={200}
              onChange={(event) =>
                setDraft((previous) => ({ ...previous, [key]: event.target.value }))
              }
            />
          </label>
        ))}
        <div className="staff-filter-actions">
          <button type="submit" className="button small">
            {st('staff.queue.apply')}
          </button>
          <button
            type="button"
            className="button secondary small"
            onClick={() => {
              setDraft({});
              setParams({});
            }}
          >
            {st('staff.queue.reset')}
          </button>
        </div>
      </form>
      {query.isPending ? (
        <Loading />
      ) : query.isError && !query.data ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : records.length === 0 ? (
        <Empty>{st('staff.audit.empty')}</Empty>
      ) : (
        <div
          className="table-scroll"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls, and the keyboard must reach it
          tabIndex={0}
        >
          <table className="staff-table">
            <caption className="visually-hidden">{st('staff.audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{st('staff.audit.time')}</th>
                <th scope="col">{st('staff.audit.actor')}</th>
                <th scope="col">{st('staff.audit.action')}</th>
                <th scope="col">{st('staff.audit.target')}</th>
                <th scope="col">{st('staff.audit.data')}</th>
                <th scope="col">{st('staff.audit.hash')}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((record) => (
                <tr key={record.id}>
                  <td>{record.seq}</td>
                  <td>
                    <time dateTime={record.createdAt}>{time(record.createdAt)}</time>
                  </td>
                  <td>
                    {record.actor
                      ? `@${record.actor.handle}`
                      : st(`staff.audit.actorKind.${record.actorKind}`)}
                  </td>
                  <td>
                    <code>{record.action}</code>
                  </td>
                  <td className="break">
                    {record.targetType} <code>{record.targetId}</code>
                  </td>
                  <td>
                    <details>
                      <summary>{st('staff.audit.show')}</summary>
                      <pre>{JSON.stringify(record.data, null, 2)}</pre>
                    </details>
                  </td>
                  <td>
                    <code title={record.hash}>{record.hash.slice(0, 12)}…</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {query.hasNextPage ? (
        <button
          type="button"
          className="button secondary small"
          disabled={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          {t('common.loadMore')}
        </button>
      ) : null}
    </section>
  );
}
