import { useQuery } from '@tanstack/react-query';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';

/** The platform's switches as every client sees them (`GET /api/status`). */
export const platformStatusKey = ['platform', 'status'] as const;

/**
 * Shown on every screen while staff have switched posting off (read-only mode) or paused
 * uploads (docs/operations.md, "Kill switches"): people learn before they write, not from a
 * failed post. Asked every 30 s, and at once when a write is refused for it (main.tsx).
 */
export function StatusBanner() {
  const { t } = useT();
  const status = useQuery({
    queryKey: platformStatusKey,
    queryFn: () => api.ops.status(),
    refetchInterval: 30_000,
    staleTime: 5_000,
  });
  if (status.data?.readOnly) {
    return (
      <section className="status-banner" role="status" aria-labelledby="status-banner-title">
        <p id="status-banner-title">
          <strong>{t('status.readOnly.title')}</strong>
        </p>
        <p>{t('status.readOnly.body')}</p>
      </section>
    );
  }
  if (status.data?.uploadsPaused) {
    return (
      <section className="status-banner" role="status">
        <p>{t('status.uploadsPaused')}</p>
      </section>
    );
  }
  return null;
}
