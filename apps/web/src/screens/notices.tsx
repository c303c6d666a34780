import type { StatementOfReasons } from '@atrium/sdk';
import { type InfiniteData, useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { Empty, ErrorMessage, Loading } from '../components/common.js';
import { StatementCard } from '../components/statements.js';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { useMe } from '../lib/session.js';

type StatementPage = { items: StatementOfReasons[]; nextCursor: string | null };

/** Every statement of reasons about the viewer's content and account, with appeals. */
export function NoticesScreen() {
  const { t } = useT();
  const me = useMe();
  const query = useInfiniteQuery<
    StatementPage,
    Error,
    InfiniteData<StatementPage>,
    string[],
    string | undefined
  >({
    queryKey: ['statements'],
    queryFn: ({ pageParam }) =>
      api.me.statements({ limit: 20, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!me.data,
  });
  if (me.isPending) return <Loading />;
  if (!me.data) {
    return (
      <div className="page narrow">
        <p className="empty">
          <Link href="/login?next=/notices">{t('notices.signIn')}</Link>
        </p>
      </div>
    );
  }
  const statements = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="page narrow">
      <h1>{t('notices.title')}</h1>
      <p className="muted">{t('notices.intro')}</p>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : statements.length === 0 ? (
        <Empty>{t('notices.empty')}</Empty>
      ) : (
        <ul className="statement-list">
          {statements.map((statement) => (
            <li key={statement.id}>
              <StatementCard statement={statement} appeal link headingLevel={2} />
            </li>
          ))}
        </ul>
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
    </div>
  );
}
