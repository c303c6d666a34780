import type { Note } from '@atrium/sdk';
import { useT } from '../i18n/provider.js';
import { regionList } from '../lib/regions.js';

/**
 * What the author of a restricted note is told on its card and page: held for review, removed,
 * or the regions where it is withheld. Nobody else gets `moderation` (or a note that is not published), so nobody else sees these.
 */
export function useRestrictionMarkers(note: Pick<Note, 'status' | 'moderation'>): string[] {
  const { t, locale } = useT();
  const moderation = note.moderation;
  const markers: string[] = [];
  const status = moderation?.status ?? note.status;
  if (status === 'pending_review') markers.push(t('moderation.pending'));
  if (status === 'removed') markers.push(t('moderation.removed'));
  if (moderation && moderation.withheldIn.length > 0) {
    const regions = regionList(moderation.withheldIn, locale, (count) =>
      t('moderation.andMore', { count }),
    );
    markers.push(t('moderation.withheldIn', { regions }));
  }
  return markers;
}

/** The banner of a note or comment with content warnings, which every viewer sees. */
export function ContentWarning({ labels }: { labels: readonly string[] }) {
  const { t } = useT();
  if (labels.length === 0) return null;
  return (
    <p className="content-warning">
      <span aria-hidden="true">⚠︎ </span>
      {t('moderation.contentWarning', { labels: labels.join(', ') })}
    </p>
  );
}
