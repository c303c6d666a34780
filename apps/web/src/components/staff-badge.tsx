import { useT } from '../i18n/provider.js';

/**
 * The mark beside a staff member's name. It comes only from the server's `badge` field (staff
 * membership), never from anything a user writes, and it is drawn, not text: a display name
 * cannot carry it. `compact` (cards) shows the shield alone; the accessible name is the same.
 */
export function StaffBadge({
  badge,
  compact = false,
}: {
  badge: 'staff' | null | undefined;
  compact?: boolean;
}) {
  const { t } = useT();
  if (badge !== 'staff') return null;
  const label = t('profile.staffBadge');
  return (
    <span className="staff-badge" role="img" aria-label={label} title={label}>
      <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" fill="currentColor">
        <path d="M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5l-8-3Zm-1.2 14.2-3.5-3.5 1.4-1.4 2.1 2.1 4.9-4.9 1.4 1.4-6.3 6.3Z" />
      </svg>
      {compact ? null : <span aria-hidden="true">{t('profile.staffBadgeShort')}</span>}
    </span>
  );
}
