import type { Account, Profile, StepUpAsk } from '@atrium/contracts';
import type { AccountRow } from '../../db/schema.js';
import { formatIpLocation } from '../geo/location-label.js';

function ipLocationLabel(row: AccountRow, locale: string | null): string | null {
  if (!row.ip_country) return null;
  return formatIpLocation({ country: row.ip_country, region: row.ip_region }, locale);
}

function counts(row: AccountRow) {
  return {
    notes: row.notes_count,
    followers: row.followers_count,
    following: row.following_count,
    likesReceived: row.likes_received_count,
  };
}

/** The public profile, with the IP-location label in the viewer's language. */
export function toProfile(
  row: AccountRow & { staff: boolean },
  locale: string | null,
  relation?: { following: boolean; followedBy: boolean; blocking: boolean },
): Profile {
  return {
    id: row.id,
    handle: row.handle,
    displayName: row.display_name,
    badge: row.staff ? 'staff' : null,
    bio: row.bio,
    bioLang: row.bio_lang,
    avatarUrl: row.avatar_url,
    languages: row.languages,
    ipLocation: ipLocationLabel(row, locale),
    createdAt: row.created_at.toISOString(),
    counts: counts(row),
    ...(relation ? { viewer: relation } : {}),
  };
}

/** A suspension or ban in force, for the owner: their session is restricted while it lasts. */
function sanctionOf(row: AccountRow): Pick<Account, 'sanction'> {
  if (row.banned_at) return { sanction: { type: 'ban', until: null } };
  if (row.suspended_until && row.suspended_until.getTime() > Date.now())
    return { sanction: { type: 'suspend', until: row.suspended_until.toISOString() } };
  return {};
}

/** What only the owner's own view says beyond the row: staff membership, a pending step-up. */
export interface OwnAccountExtras {
  staff: boolean;
  stepUp: StepUpAsk | null;
}

/** The extras of a row read by `findOwnAccount`. */
export function ownExtrasOf(row: {
  staff: boolean;
  step_up_channel: StepUpAsk['channel'] | null;
  step_up_expires_at: Date | null;
}): OwnAccountExtras {
  return {
    staff: row.staff,
    stepUp:
      row.step_up_channel && row.step_up_expires_at
        ? { channel: row.step_up_channel, expiresAt: row.step_up_expires_at.toISOString() }
        : null,
  };
}

/** The owner's own view: the profile plus settings. Never the phone number or e-mail itself. */
export function toAccount(
  row: AccountRow,
  locale: string | null,
  extras: OwnAccountExtras,
): Account {
  return {
    id: row.id,
    handle: row.handle,
    displayName: row.display_name,
    bio: row.bio,
    bioLang: row.bio_lang,
    // the avatar they chose, also while its checks run (others see `avatar_url`)
    avatarUrl: row.own_avatar_url,
    languages: row.languages,
    ipLocation: ipLocationLabel(row, locale ?? row.locale),
    createdAt: row.created_at.toISOString(),
    counts: counts(row),
    locale: row.locale,
    autoTranslate: row.auto_translate,
    feedLanguageMix: row.feed_language_mix,
    hasPhone: row.phone_index !== null || row.phone_e164 !== null,
    hasEmail: row.email_index !== null || row.email !== null,
    onboarded: row.onboarded_at !== null,
    staff: extras.staff,
    ...(extras.stepUp ? { stepUp: extras.stepUp } : {}),
    ...sanctionOf(row),
  };
}
