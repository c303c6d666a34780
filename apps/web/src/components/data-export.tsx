import type { AccountExport } from '@atrium/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { ErrorMessage, Loading } from './common.js';

const EXPORT_KEY = ['me', 'export'] as const;

function inProgress(item: AccountExport | null | undefined): boolean {
  return item?.status === 'queued' || item?.status === 'running';
}

function formatBytes(locale: string, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/**
 * "Your data": ask for an export of the account, follow its progress, download the archive
 * (docs/privacy.md, "Export"). The state is polled while the export is being prepared.
 */
export function DataExport() {
  const { t } = useT();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const state = useQuery({
    queryKey: EXPORT_KEY,
    queryFn: () => api.me.export(),
    refetchInterval: (query) => (inProgress(query.state.data?.export) ? 2_000 : false),
  });
  const start = useMutation({
    mutationFn: () => api.me.requestExport(),
    onSuccess: (item) => queryClient.setQueryData(EXPORT_KEY, { export: item }),
  });
  const item = state.data?.export ?? null;
  const busy = inProgress(item);
  return (
    <section aria-labelledby="export-title" className="data-export">
      <h2 id="export-title" className="section-title">
        {t('export.title')}
      </h2>
      <p className="muted">{t('export.hint')}</p>
      {state.isPending ? (
        <Loading />
      ) : state.isError ? (
        <ErrorMessage error={state.error} onRetry={() => void state.refetch()} />
      ) : (
        <div role="status" aria-live="polite">
          {item?.status === 'queued' ? <p>{t('export.queued')}</p> : null}
          {item?.status === 'running' ? (
            <p>
              <progress
                max={Math.max(item.progress.media, 1)}
                value={item.progress.media === 0 ? 0 : item.progress.mediaDone}
              />{' '}
              {t('export.running', { index: item.progress.mediaDone, total: item.progress.media })}
            </p>
          ) : null}
          {item?.status === 'done' && item.downloadUrl ? (
            <p>
              {t('export.done', {
                size: formatBytes(locale, item.bytes ?? 0),
                date: new Date(item.expiresAt ?? Date.now()).toLocaleDateString(locale, {
                  dateStyle: 'medium',
                }),
              })}{' '}
              <a className="button small" href={item.downloadUrl} download>
                {t('export.download')}
              </a>
            </p>
          ) : null}
          {item?.status === 'failed' ? <p>{t('export.failed')}</p> : null}
          {item?.status === 'expired' ? <p className="muted">{t('export.expired')}</p> : null}
        </div>
      )}
      {start.isError ? <ErrorMessage error={start.error} /> : null}
      {busy ? null : (
        <button
          type="button"
          className="button secondary"
          disabled={start.isPending || state.isPending}
          onClick={() => start.mutate()}
        >
          {item ? t('export.again') : t('export.request')}
        </button>
      )}
    </section>
  );
}
