import type { AccessLogEntry } from '@atrium/sdk';
import { useQuery } from '@tanstack/react-query';
import type { MessageKey } from '../i18n/en.js';
import { useLocale, useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { Empty, ErrorMessage, Loading } from './common.js';

const ROLE_KEYS: Record<string, MessageKey> = {
  admin: 'accessLog.role.admin',
  moderator: 'accessLog.role.moderator',
  analyst: 'accessLog.role.analyst',
  operator: 'accessLog.role.operator',
};

function Entry({ entry }: { entry: AccessLogEntry }) {
  const { t } = useT();
  const { locale } = useLocale();
  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const fields = entry.fields
    .map((field) => t(`accessLog.field.${field}` as MessageKey))
    .join(', ');
  return (
    <li className="access-log-entry">
      <p className="access-log-line">
        {t('accessLog.entry', {
          role: t(ROLE_KEYS[entry.role] ?? 'accessLog.role.staff'),
          fields: fields || t('accessLog.field.none'),
          date: when(entry.at),
        })}
      </p>
      <p className="access-log-line muted">
        {t('accessLog.reason')} <q>{entry.reason}</q>
        {entry.until ? ` · ${t('accessLog.until', { date: when(entry.until) })}` : null}
      </p>
    </li>
  );
}

/**
 * "Who saw your personal data": every time staff unmasked the account's phone number or e-mail
 * address, with the role, the reason and until when (docs/staff.md, "Personal data").
 */
export function AccessLog() {
  const { t } = useT();
  const log = useQuery({ queryKey: ['me', 'access-log'], queryFn: () => api.me.accessLog() });
  return (
    <section aria-labelledby="access-log-title">
      <h2 id="access-log-title" className="section-title">
        {t('accessLog.title')}
      </h2>
      <p className="muted">{t('accessLog.hint')}</p>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorMessage error={log.error} onRetry={() => void log.refetch()} />
      ) : log.data.items.length === 0 ? (
        <Empty>{t('accessLog.empty')}</Empty>
      ) : (
        <ul className="access-log">
          {log.data.items.map((entry) => (
            <Entry key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}
