import type { AuthorSummary } from '@atrium/sdk';
import { onlineManager } from '@tanstack/react-query';
import { type ReactNode, useSyncExternalStore } from 'react';
import { en, type MessageKey } from '../i18n/en.js';
import { useT } from '../i18n/provider.js';
import { errorCode } from '../lib/api.js';
import { worthRetrying } from '../lib/backoff.js';
import { type RejectionReason, rejectionReasons } from '../lib/problem.js';

/** The message key that explains an error code, falling back to the generic one. */
export function errorKey(error: unknown): MessageKey {
  const key = `error.${errorCode(error)}`;
  return (key in en ? key : 'error.INTERNAL_ERROR') as MessageKey;
}

export function ErrorMessage({
  error,
  onRetry,
  texts,
}: {
  error: unknown;
  onRetry?: () => void;
  /** The texts that were sent, by field: a rejection then quotes the words that matched. */
  texts?: Record<string, string>;
}) {
  const { t } = useT();
  const reasons = rejectionReasons(error);
  if (reasons.length > 0) return <Rejection reasons={reasons} texts={texts ?? {}} />;
  return (
    <div className="error" role="alert">
      <p>{t(errorKey(error))}</p>
      {/* never an action that cannot work: a 404 or a refusal answers the same again */}
      {onRetry && worthRetrying(error) ? (
        <button type="button" className="button secondary small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

const FIELD_KEYS: Record<string, MessageKey> = {
  title: 'field.title',
  body: 'field.body',
  displayName: 'field.displayName',
  bio: 'field.bio',
  handle: 'field.handle',
  alt: 'field.alt',
};

/** 422 CONTENT_REJECTED: which rule matched in which field (and the words, when known). */
function Rejection({
  reasons,
  texts,
}: {
  reasons: RejectionReason[];
  texts: Record<string, string>;
}) {
  const { t } = useT();
  const seen = new Set<string>();
  const items = reasons.filter((reason) => {
    const key = `${reason.field}:${reason.ruleId}:${reason.start}:${reason.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return (
    <div className="error rejection" role="alert">
      <div>
        <p>
          <strong>{t('rejected.title')}</strong>
        </p>
        <ul>
          {items.map((reason) => {
            const field = FIELD_KEYS[reason.field]
              ? t(FIELD_KEYS[reason.field]!)
              : t('field.other', { field: reason.field });
            const rule = reason.description ?? `${reason.category} (${reason.ruleId})`;
            const text = texts[reason.field]?.slice(reason.start, reason.end).trim();
            return (
              <li key={`${reason.field}:${reason.ruleId}:${reason.start}:${reason.end}`}>
                {text
                  ? t('rejected.item', { text, field, rule })
                  : t('rejected.itemNoText', { field, rule })}
              </li>
            );
          })}
        </ul>
        <p>{t('rejected.kept')}</p>
      </div>
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useT();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

const AVATAR_COLORS = ['#ff2442', '#ff8a00', '#00b578', '#1677ff', '#7c4dff', '#eb2f96'];

export function Avatar({
  user,
  size = 24,
}: {
  user: Pick<AuthorSummary, 'displayName' | 'handle' | 'avatarUrl'>;
  size?: number;
}) {
  const style = { width: size, height: size, fontSize: Math.round(size * 0.45) };
  if (user.avatarUrl) {
    return <img className="avatar" src={user.avatarUrl} alt="" style={style} loading="lazy" />;
  }
  let hash = 0;
  for (const char of user.handle) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const initial = [...(user.displayName || user.handle)][0]?.toUpperCase() ?? '?';
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ ...style, background: AVATAR_COLORS[hash % AVATAR_COLORS.length] }}
    >
      {initial}
    </span>
  );
}

function subscribeOnline(callback: () => void) {
  return onlineManager.subscribe(callback);
}

/** A banner while the browser is offline; queries retry by themselves when it comes back. */
export function OfflineBanner() {
  const online = useSyncExternalStore(subscribeOnline, () => onlineManager.isOnline());
  const { t } = useT();
  if (online) return null;
  return (
    <div className="offline" role="status">
      {t('common.offline')}
    </div>
  );
}

export function Icon({ name, filled = false }: { name: IconName; filled?: boolean }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="22"
      height="22"
      aria-hidden="true"
      fill={filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={ICONS[name]} />
    </svg>
  );
}

type IconName =
  | 'heart'
  | 'star'
  | 'comment'
  | 'home'
  | 'search'
  | 'plus'
  | 'user'
  | 'left'
  | 'right'
  | 'settings'
  | 'up'
  | 'down'
  | 'immersive'
  | 'shield'
  | 'flag'
  | 'share'
  | 'play'
  | 'pause'
  | 'sound'
  | 'muted';
const ICONS: Record<IconName, string> = {
  heart:
    'M12 20.5s-7.5-4.6-9.3-9.4C1.5 7.8 3.6 4.5 7 4.5c2 0 3.5 1.1 5 3 1.5-1.9 3-3 5-3 3.4 0 5.5 3.3 4.3 6.6-1.8 4.8-9.3 9.4-9.3 9.4z',
  star: 'M12 3.5l2.6 5.4 5.9.8-4.3 4.1 1 5.9L12 16.9l-5.2 2.8 1-5.9-4.3-4.1 5.9-.8z',
  comment: 'M4 5.5h16v10H9l-5 4v-14z',
  home: 'M3.5 11 12 4l8.5 7v9h-5.5v-6h-6v6H3.5z',
  search: 'M10.5 4a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13zm4.8 11.3L20 20',
  plus: 'M12 5v14M5 12h14',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7.5 8c.8-3.5 3.8-5.5 7.5-5.5s6.7 2 7.5 5.5',
  left: 'M15 5l-7 7 7 7',
  right: 'M9 5l7 7-7 7',
  up: 'M5 15l7-7 7 7',
  down: 'M5 9l7 7 7-7',
  immersive:
    'M7 3.5h10a1.5 1.5 0 0 1 1.5 1.5v14a1.5 1.5 0 0 1-1.5 1.5H7A1.5 1.5 0 0 1 5.5 19V5A1.5 1.5 0 0 1 7 3.5zM10 9.5l5 2.5-5 2.5z',
  shield: 'M12 3l7.5 3v5.5c0 4.6-3.2 8.3-7.5 9.5-4.3-1.2-7.5-4.9-7.5-9.5V6z',
  flag: 'M5.5 21V4.5m0 0h11l-2 4 2 4h-11',
  share: 'M12 15V3.5m0 0L7.5 8M12 3.5 16.5 8M5 12.5V20h14v-7.5',
  play: 'M7.5 4.5v15l12-7.5z',
  pause: 'M8 5v14M16 5v14',
  sound: 'M4 9.5h3.5L12 5.5v13l-4.5-4H4zM15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11',
  muted: 'M4 9.5h3.5L12 5.5v13l-4.5-4H4zM16 9.5l5 5M21 9.5l-5 5',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7.4-3a7.4 7.4 0 0 0-.1-1.2l2-1.6-2-3.4-2.4 1a7.4 7.4 0 0 0-2-1.2L14.5 3h-5l-.4 2.6a7.4 7.4 0 0 0-2 1.2l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.4l-2 1.6 2 3.4 2.4-1a7.4 7.4 0 0 0 2 1.2l.4 2.6h5l.4-2.6a7.4 7.4 0 0 0 2-1.2l2.4 1 2-3.4-2-1.6c.1-.4.1-.8.1-1.2z',
};
