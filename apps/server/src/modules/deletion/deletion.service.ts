import type { DeleteMeBody, DeletionScheduled } from '@atrium/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { type Db, inTransaction, type Tx } from '../../db/database.js';
import type { HiddenItem } from '../../db/schema.js';
import type { ClientInfo } from '../../http/request-context.js';
import type { Viewer } from '../../http/viewer.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { SessionCache } from '../accounts/sessions.service.js';
import { revokeAllSessions } from '../accounts/sessions.store.js';
import { forgetCachedTexts } from '../lang/lang.store.js';
import type { NotesService } from '../notes/notes.service.js';
import type { SocialService } from '../social/social.service.js';
import type { Vault } from '../vault/vault.js';
import { deletionError } from './deletion.errors.js';
import * as store from './deletion.store.js';

/** How long a deleted account can still be had back by logging in. */
export const DELETION_GRACE_MS = 30 * 24 * 60 * 60 * 1000;

export interface DeletionDeps {
  db: Db;
  /** Crypto-shredding: the purge destroys the account's data key (modules/vault). */
  vault: Pick<Vault, 'destroyAccountKey'>;
  accounts: Pick<AccountsService, 'reauthenticate'>;
  notes: Pick<NotesService, 'notesOf' | 'applyModeration' | 'deleteAllBy'>;
  social: Pick<SocialService, 'applyCommentModeration' | 'purgeAccount' | 'commentsOf'>;
  /** Deletes an account's uploads nothing else uses, files included (the media module). */
  media: { deleteOwnedBy(ownerId: string): Promise<number> };
  audit: {
    record(
      tx: Tx,
      entry: {
        actorId: string | null;
        actorKind?: 'staff' | 'cli' | 'system';
        action: string;
        targetType: string;
        targetId: string;
        data?: Record<string, unknown>;
      },
    ): Promise<unknown>;
  };
  sessionCache: SessionCache;
  log: FastifyBaseLogger;
  /** The time (tests drive it past the grace period); the system clock by default. */
  now?: () => Date;
}

/**
 * Account deletion by its holder (docs/security.md, "Deleting an account"):
 * - `request`: after re-authentication, the account is deactivated at once — its sessions end,
 *   its shown notes and comments are removed from every view (counts follow, as for a ban) and
 *   listed, its profile answers 404 — and its purge is due after the grace period;
 * - `cancelOnSignIn`: a login in the grace period puts everything back;
 * - `purgeDue`: the job that, once the grace period is over, deletes the account and what is
 *   derived from it in one transaction, then its uploads (idempotent, resumed by the next run).
 */
export function createDeletionService(deps: DeletionDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  async function request(
    viewer: Viewer,
    input: DeleteMeBody,
    client: ClientInfo,
  ): Promise<DeletionScheduled> {
    // staff first: no password is spent on a request that cannot go through
    if (await store.isStaff(db, viewer.accountId)) throw deletionError('STAFF_MUST_STEP_DOWN');
    await deps.accounts.reauthenticate(viewer, input, client);
    const requestedAt = now();
    const dueAt = new Date(requestedAt.getTime() + DELETION_GRACE_MS);
    await inTransaction(db, async (tx) => {
      // the staff check again, in the transaction (a role given meanwhile)
      if (await store.isStaff(tx, viewer.accountId)) throw deletionError('STAFF_MUST_STEP_DOWN');
      const fresh = await store.insertDeletion(tx, {
        accountId: viewer.accountId,
        requestedAt,
        dueAt,
      });
      if (!fresh) throw deletionError('DELETION_PENDING');
      const notes: HiddenItem[] = [];
      for (const note of await deps.notes.notesOf(tx, viewer.accountId)) {
        if (note.status !== 'published' && note.status !== 'pending_review') continue;
        notes.push({ id: note.id, status: note.status });
        await deps.notes.applyModeration(tx, note.id, (row) => ({
          status: 'removed',
          moderation_action: row.moderation_action,
          region_actions: row.region_actions,
          labels: row.labels,
        }));
      }
      const comments: HiddenItem[] = [];
      for (const comment of await deps.social.commentsOf(tx, viewer.accountId)) {
        if (comment.status !== 'published') continue;
        comments.push({ id: comment.id, status: 'published' });
        await deps.social.applyCommentModeration(tx, comment.id, (row) => ({
          status: 'removed',
          moderation_action: row.moderation_action,
          region_actions: row.region_actions,
          labels: row.labels,
        }));
      }
      await store.setHidden(tx, viewer.accountId, { notes, comments });
      await revokeAllSessions(tx, viewer.accountId);
      // an export's download link works without a session: not for an account being deleted
      await store.deleteExports(tx, viewer.accountId);
    });
    deps.sessionCache.forgetAccount(viewer.accountId);
    return { dueAt: dueAt.toISOString() };
  }

  /**
   * Cancels a pending deletion (a login in the grace period): the notes and comments it hid are
   * shown again — those still removed; one a moderator dealt with meanwhile stays as decided.
   */
  async function cancelOnSignIn(accountId: string): Promise<boolean> {
    return inTransaction(db, async (tx) => {
      const deletion = await store.lockDeletion(tx, accountId);
      if (!deletion || deletion.purged_at) return false;
      for (const hidden of deletion.hidden_notes) {
        await deps.notes
          .applyModeration(tx, hidden.id, (row) => ({
            status: row.status === 'removed' ? hidden.status : row.status,
            moderation_action: row.moderation_action,
            region_actions: row.region_actions,
            labels: row.labels,
          }))
          .catch((error: unknown) => {
            // a note deleted meanwhile (by a moderator's removal of the account's content)
            if ((error as { code?: string }).code !== 'NOT_FOUND') throw error;
          });
      }
      // top-level comments first: a reply's count moves with its parent's state
      for (const hidden of [...deletion.hidden_comments].reverse()) {
        await deps.social.applyCommentModeration(tx, hidden.id, (row) => ({
          status: row.status === 'removed' ? hidden.status : row.status,
          moderation_action: row.moderation_action,
          region_actions: row.region_actions,
          labels: row.labels,
        }));
      }
      await store.deleteDeletion(tx, accountId);
      return true;
    });
  }

  /**
   * Purges one account whose grace period is over, in one transaction: its notes (counts on
   * topics taken back; images released), its likes, collects, comment likes, follows, blocks,
   * dismissals and comments (counts on other people's notes, comments and profiles taken back),
   * the cached translations and readings of what it wrote, its sessions, codes and security
   * records; then the account row, or, when a moderation case or decision names it (legal
   * hold), a tombstone with nothing but its id. An audit record says so, by id only. The
   * uploads go after the commit (files cannot join a transaction): idempotently, and the next
   * run picks up a tombstone whose uploads are left.
   */
  async function purgeAccount(accountId: string): Promise<'purged' | 'skipped'> {
    const at = now();
    const outcome = await inTransaction(db, async (tx) => {
      const deletion = await store.lockDeletion(tx, accountId);
      if (!deletion || deletion.purged_at || deletion.due_at.getTime() > at.getTime())
        return 'skipped' as const;
      await forgetCachedTexts(tx, await store.textsOf(tx, accountId));
      await deps.social.purgeAccount(tx, accountId);
      await deps.notes.deleteAllBy(tx, accountId);
      await store.tombstone(tx, accountId, at);
      // crypto-shredding: whatever was sealed under the account's key, here or in a backup,
      // can no longer be opened (docs/security.md, "Crypto-shredding")
      await deps.vault.destroyAccountKey(tx, accountId);
      await store.markPurged(tx, accountId, at);
      await deps.audit.record(tx, {
        actorId: null,
        actorKind: 'system',
        action: 'account.purge',
        targetType: 'account',
        targetId: accountId,
        data: { requestedAt: deletion.requested_at.toISOString() },
      });
      return 'purged' as const;
    });
    if (outcome === 'purged') deps.sessionCache.forgetAccount(accountId);
    await finish(accountId);
    return outcome;
  }

  /** After the purge's commit: the uploads, then the row itself unless it is held. */
  async function finish(accountId: string): Promise<void> {
    await deps.media.deleteOwnedBy(accountId);
    await inTransaction(db, async (tx) => {
      const deletion = await store.lockDeletion(tx, accountId);
      if (!deletion?.purged_at) return;
      if (!(await store.underLegalHold(tx, accountId))) await store.deleteAccountRow(tx, accountId);
    });
  }

  /** The job: every account due, one at a time; a failure is logged and retried next run. */
  async function purgeDue(): Promise<number> {
    let purged = 0;
    // a purge that stopped after its transaction: its uploads and row
    for (const accountId of await store.tombstonesWithMedia(db, 100)) {
      await finish(accountId).catch((error: unknown) =>
        deps.log.error({ err: error }, 'finishing an account purge failed'),
      );
    }
    for (const accountId of await store.dueAccountIds(db, now(), 100)) {
      try {
        if ((await purgeAccount(accountId)) === 'purged') purged++;
      } catch (error) {
        deps.log.error({ err: error }, 'purging a deleted account failed');
      }
    }
    return purged;
  }

  return { request, cancelOnSignIn, purgeDue };
}

export type DeletionService = ReturnType<typeof createDeletionService>;
