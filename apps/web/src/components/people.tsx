import type { AuthorSummary } from '@atrium/sdk';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link } from 'wouter';
import { useT } from '../i18n/provider.js';
import { api } from '../lib/api.js';
import { Avatar, ErrorMessage } from './common.js';
import { StaffBadge } from './staff-badge.js';

/**
 * Follow / Following for one person in a list: its name says whom (several sit side by side),
 * starting with the visible word; pressed while followed. The profile and the following feed
 * are asked again after a change.
 */
export function FollowButton({
  handle,
  name,
  following: initial,
}: {
  handle: string;
  name: string;
  following: boolean;
}) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const [following, setFollowing] = useState(initial);
  const toggle = useMutation({
    mutationFn: (next: boolean) => (next ? api.users.follow(handle) : api.users.unfollow(handle)),
    onMutate: (next) => setFollowing(next),
    onError: (_error, next) => setFollowing(!next),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['profile'] });
      void queryClient.invalidateQueries({ queryKey: ['feed', 'following'], refetchType: 'none' });
    },
  });
  return (
    <span className="follow-cell">
      <button
        type="button"
        className={following ? 'button secondary small' : 'button small'}
        aria-pressed={following}
        aria-label={t(following ? 'people.followingName' : 'people.followName', { name })}
        disabled={toggle.isPending}
        onClick={() => toggle.mutate(!following)}
      >
        {following ? t('profile.unfollow') : t('profile.follow')}
      </button>
      {toggle.isError ? <ErrorMessage error={toggle.error} /> : null}
    </span>
  );
}

/** One person in a list: avatar, name and handle linking to the profile, a line about them. */
export function PersonRow({
  account,
  detail,
  action,
}: {
  account: AuthorSummary;
  detail?: ReactNode;
  action?: ReactNode;
}) {
  const { t } = useT();
  return (
    <li className="person">
      <Avatar user={account} size={44} />
      <div className="person-text">
        <Link href={`/u/${account.handle}`} className="person-name">
          {account.displayName}
        </Link>{' '}
        <StaffBadge badge={account.badge} />
        <span className="muted person-handle">
          {t('profile.handle', { handle: account.handle })}
        </span>
        {detail ? <span className="person-detail">{detail}</span> : null}
      </div>
      {action}
    </li>
  );
}
