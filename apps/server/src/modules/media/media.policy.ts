import type { MediaCheckOutcome, MediaCheckState } from '../../db/schema.js';
import type { Denial as GenericDenial } from '../../lib/denial.js';
import { type VisibilityContext, visibleTo, withheldCountries } from '../visibility/visibility.js';
import type { MediaUseRow } from './media.store.js';

/** A denial with its reason, or null when allowed. */
export type Denial = GenericDenial<'NOT_FOUND' | 'WITHHELD_IN_REGION'>;

/**
 * One use of a stored file. Files are content-addressed, so identical uploads share one file and
 * one file may have several uses: it is served when any of them may be seen.
 */
export type MediaUse =
  | {
      kind: 'note';
      status: string;
      author_id: string;
      moderation_action: string;
      region_actions: Record<string, string> | null;
    }
  | {
      kind: 'avatar';
      banned: boolean;
      ownerId: string;
      /** Where its checks stand (`avatarShown`): others see it only once they passed. */
      shown: AvatarShown;
    }
  /** An upload no note or avatar uses (new, or left by a deleted note): its owner's alone. */
  | { kind: 'upload'; ownerId: string };

/**
 * Who sees an avatar, by its image's checks (docs/media.md, "Avatars"): everyone once they
 * passed; only its owner while they run or when they flagged it (others see the default avatar);
 * nobody when they blocked it.
 */
export type AvatarShown = 'everyone' | 'owner' | 'nobody';

export function avatarShown(
  state: MediaCheckState,
  outcome: Pick<MediaCheckOutcome, 'action'> | null,
): AvatarShown {
  if (state === 'passed') return 'everyone';
  return outcome?.action === 'block' ? 'nobody' : 'owner';
}

/** The uses behind the rows of `usesOfKey`. */
export function mediaUses(rows: MediaUseRow[]): MediaUse[] {
  return rows.map((row): MediaUse => {
    if (row.note_status !== null && row.note_author_id !== null) {
      return {
        kind: 'note',
        status: row.note_status,
        author_id: row.note_author_id,
        moderation_action: row.note_moderation_action ?? 'allow',
        region_actions: row.note_region_actions,
      };
    }
    if (row.avatar_of !== null)
      return {
        kind: 'avatar',
        banned: row.avatar_banned === true,
        ownerId: row.owner_id,
        shown: avatarShown(row.check_state, row.check_outcome),
      };
    return { kind: 'upload', ownerId: row.owner_id };
  });
}

/** Whether this viewer, where they are, may see one use: the note rule, avatars, own uploads. */
function useVisible(use: MediaUse, context: VisibilityContext): boolean {
  switch (use.kind) {
    case 'note':
      // Blocks are left out on purpose: a public image is public (signed out, through any
      // shared cache), so a block hides notes from lists but cannot secure their images.
      return visibleTo(use, context);
    case 'avatar':
      return (
        !use.banned &&
        (use.shown === 'everyone' || (use.shown === 'owner' && use.ownerId === context.viewerId))
      );
    case 'upload':
      return use.ownerId === context.viewerId;
  }
}

/**
 * An image is served like the note it belongs to: when some use of it is visible to the viewer
 * where they are. Otherwise `451 WITHHELD_IN_REGION` when a note using it is withheld only in
 * the viewer's region, else `404` exactly like a file that never existed (held, removed, a
 * banned author's, a deleted note's).
 */
export function canViewMedia(uses: MediaUse[], context: VisibilityContext): Denial {
  if (uses.some((use) => useVisible(use, context))) return null;
  const withheldHere =
    context.region !== null &&
    uses.some((use) => use.kind === 'note' && visibleTo(use, { ...context, region: null }));
  return withheldHere
    ? { code: 'WITHHELD_IN_REGION', reason: `withheld in ${context.region}` }
    : { code: 'NOT_FOUND', reason: 'no use of this file may be seen' };
}

/**
 * Whether everyone everywhere may see the file (a published note restricted nowhere, an avatar
 * of an account in good standing): only then may shared caches keep it for everyone.
 */
export function publicEverywhere(uses: MediaUse[]): boolean {
  return uses.some((use) =>
    use.kind === 'avatar'
      ? !use.banned && use.shown === 'everyone'
      : use.kind === 'note' && use.status === 'published' && withheldCountries(use).length === 0,
  );
}
