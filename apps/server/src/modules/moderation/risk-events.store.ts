import type { DbHandle } from '../../db/database.js';

// Risk signals kept by the inline check (rule ids only, never the text).

export async function insertRiskEvent(
  db: DbHandle,
  row: { id: string; account_id: string | null; kind: string; data: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('risk_events')
    .values({ ...row, data: JSON.stringify(row.data) })
    .execute();
}

export async function countRiskEvents(
  db: DbHandle,
  accountId: string,
  kind: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('risk_events')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('account_id', '=', accountId)
    .where('kind', '=', kind)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
