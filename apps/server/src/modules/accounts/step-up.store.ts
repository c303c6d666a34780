import type { StepUpChannel } from '@atrium/contracts';
import type { DbHandle } from '../../db/database.js';

// The step-ups of risky sign-ups (docs/risk.md, "Step-up"): one row per account asked.

export async function insertStepUp(
  db: DbHandle,
  row: {
    accountId: string;
    channel: StepUpChannel;
    codeHash: Buffer;
    expiresAt: Date;
    restrictedUntil: Date;
  },
) {
  await db
    .insertInto('step_ups')
    .values({
      account_id: row.accountId,
      channel: row.channel,
      code_hash: row.codeHash,
      expires_at: row.expiresAt,
      restricted_until: row.restrictedUntil,
    })
    .execute();
}

export function findStepUp(db: DbHandle, accountId: string) {
  return db
    .selectFrom('step_ups')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export function lockStepUp(db: DbHandle, accountId: string) {
  return db
    .selectFrom('step_ups')
    .selectAll()
    .where('account_id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
}

export async function countFailedStepUp(db: DbHandle, accountId: string) {
  await db
    .updateTable('step_ups')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('account_id', '=', accountId)
    .execute();
}

export async function renewStepUp(
  db: DbHandle,
  accountId: string,
  codeHash: Buffer,
  expiresAt: Date,
) {
  await db
    .updateTable('step_ups')
    .set((eb) => ({
      code_hash: codeHash,
      expires_at: expiresAt,
      attempts: 0,
      sends: eb('sends', '+', 1),
      last_sent_at: new Date(),
    }))
    .where('account_id', '=', accountId)
    .execute();
}

export async function completeStepUp(db: DbHandle, accountId: string) {
  await db
    .updateTable('step_ups')
    .set({ completed_at: new Date() })
    .where('account_id', '=', accountId)
    .execute();
}

/** Lifts the restriction the step-up set, only while it is still the one in force. */
export async function liftStepUpRestriction(db: DbHandle, accountId: string, setUntil: Date) {
  await db
    .updateTable('accounts')
    .set({ posting_restricted_until: null })
    .where('id', '=', accountId)
    .where('posting_restricted_until', '=', setUntil)
    .execute();
}

export function contactOf(db: DbHandle, accountId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'email', 'phone_e164', 'email_sealed', 'phone_sealed'])
    .where('id', '=', accountId)
    .executeTakeFirst();
}
