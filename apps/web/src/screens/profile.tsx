import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { BlockDialog } from '../components/block-dialog.js';
import { BoardList } from '../components/boards.js';
import { Avatar, ErrorMessage, Loading } from '../components/common.js';
import { IpCredit } from '../components/ip-credit.js';
import { MoreMenu } from '../components/more-menu.js';
import { NoteFeed } from '../components/note-grid.js';
import { ReportDialog } from '../components/report-dialog.js';
import { StaffBadge } from '../components/staff-badge.js';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { useBlockToggle } from '../lib/blocks.js';
import { useMe } from '../lib/session.js';

/** Report and block (with a confirmation) someone else's profile; unblock when blocked. */
function ProfileActions({
  accountId,
  handle,
  blocked,
}: {
  accountId: string;
  handle: string;
  blocked: boolean;
}) {
  const { t } = useT();
  const toggle = useBlockToggle(handle);
  const [dialog, setDialog] = useState<'report' | 'block' | null>(null);
  return (
    <>
      <MoreMenu
        items={[
          { label: t('report.action'), onSelect: () => setDialog('report') },
          blocked
            ? { label: t('block.undo'), onSelect: () => toggle.mutate(false) }
            : { label: t('block.action'), onSelect: () => setDialog('block') },
        ]}
      />
      <ReportDialog
        open={dialog === 'report'}
        onClose={() => setDialog(null)}
        targetType="account"
        targetId={accountId}
        title={t('report.title.account', { handle })}
      />
      <BlockDialog
        open={dialog === 'block'}
        handle={handle}
        onClose={() => setDialog(null)}
        onConfirm={() => toggle.mutate(true)}
      />
      {blocked ? (
        <div className="notice blocked-notice" role="status">
          <p>{t('block.blocked')}</p>
          <button
            type="button"
            className="button secondary small"
            disabled={toggle.isPending}
            onClick={() => toggle.mutate(false)}
          >
            {t('block.undo')}
          </button>
        </div>
      ) : null}
      {toggle.isError ? <ErrorMessage error={toggle.error} /> : null}
    </>
  );
}

const TAB_NAMES = {
  notes: 'profile.notes',
  collects: 'profile.collects',
  boards: 'boards.title',
  likes: 'profile.liked',
} as const;

export function ProfileScreen({ handle }: { handle: string }) {
  const { t, count } = useT();
  const me = useMe();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<'notes' | 'collects' | 'boards' | 'likes'>('notes');
  const query = useQuery({ queryKey: ['profile', handle], queryFn: () => api.users.get(handle) });
  const follow = useMutation({
    mutationFn: () =>
      query.data?.viewer?.following ? api.users.unfollow(handle) : api.users.follow(handle),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['profile', handle] }),
  });
  if (query.isPending) return <Loading />;
  if (query.isError)
    return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const profile = query.data;
  const own = me.data?.id === profile.id;
  // following and followers open their lists; likes received are only a count
  const stats: Array<[label: string, value: number, href: string | null]> = [
    [t('profile.following'), profile.counts.following, `/u/${profile.handle}/following`],
    [t('profile.followers'), profile.counts.followers, `/u/${profile.handle}/followers`],
    [t('profile.likes'), profile.counts.likesReceived, null],
  ];
  return (
    <div className="page wide">
      <header className="profile">
        <Avatar user={profile} size={88} />
        <div className="profile-info">
          <h1>
            {profile.displayName} <StaffBadge badge={profile.badge} />
          </h1>
          <p className="muted">
            {t('profile.handle', { handle: profile.handle })}
            {profile.ipLocation
              ? ` · ${t('profile.ipLocation', { place: profile.ipLocation })}`
              : ''}
            {profile.ipLocation ? <IpCredit /> : null}
          </p>
          <p className="bio">{profile.bio || t('profile.noBio')}</p>
          <ul className="stats">
            {stats.map(([label, value, href]) => {
              const inner = (
                <>
                  <strong>{count(value)}</strong> <span>{label}</span>
                </>
              );
              return <li key={label}>{href ? <Link href={href}>{inner}</Link> : inner}</li>;
            })}
          </ul>
          <div className="profile-actions">
            {own ? (
              <Link href="/settings" className="button secondary small">
                {t('profile.edit')}
              </Link>
            ) : me.data ? (
              <>
                {/* nobody follows someone they blocked (unblocking comes first) */}
                {profile.viewer?.blocking ? null : (
                  <button
                    type="button"
                    className={
                      profile.viewer?.following ? 'button secondary small' : 'button small'
                    }
                    aria-pressed={profile.viewer?.following ?? false}
                    onClick={() => follow.mutate()}
                    disabled={follow.isPending}
                  >
                    {profile.viewer?.following ? t('profile.unfollow') : t('profile.follow')}
                  </button>
                )}
                <ProfileActions
                  accountId={profile.id}
                  handle={profile.handle}
                  blocked={profile.viewer?.blocking ?? false}
                />
              </>
            ) : null}
          </div>
          {follow.isError ? <ErrorMessage error={follow.error} /> : null}
        </div>
      </header>
      <div className="tabs" role="tablist" aria-label={t('profile.tabs')}>
        {/* what one liked is one's own business (docs/web.md): the tab is the owner's alone */}
        {(own
          ? (['notes', 'collects', 'boards', 'likes'] as const)
          : (['notes', 'collects', 'boards'] as const)
        ).map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'active' : ''}
            onClick={() => setTab(id)}
          >
            {t(TAB_NAMES[id])}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'notes' ? (
          <NoteFeed
            key="notes"
            queryKey={['feed', 'user', handle]}
            fetchPage={(cursor) => api.feeds.user(handle, { cursor, limit: 20 })}
            empty={t('profile.emptyNotes')}
            label={t('profile.notes')}
          />
        ) : tab === 'boards' ? (
          <BoardList key="boards" handle={handle} own={own} onShowAll={() => setTab('collects')} />
        ) : tab === 'likes' && own ? (
          <NoteFeed
            key="likes"
            queryKey={['feed', 'likes', handle]}
            fetchPage={(cursor) => api.feeds.likes(handle, { cursor, limit: 20 })}
            empty={t('profile.emptyLikes')}
            label={t('profile.liked')}
          />
        ) : (
          <NoteFeed
            key="collects"
            queryKey={['feed', 'collects', handle]}
            fetchPage={(cursor) => api.feeds.collects(handle, { cursor, limit: 20 })}
            empty={t('profile.emptyCollects')}
            label={t('profile.collects')}
          />
        )}
      </div>
    </div>
  );
}
