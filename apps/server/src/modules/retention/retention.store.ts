import type { DbHandle } from '../../db/database.js';

// The retention job's statements (docs/privacy.md "Retention"). Each touches at most `batch`
// rows and answers how many it touched: the service repeats it until a batch comes back short,
// so a large table is never locked by one long statement. Each statement only matches rows it
// has not handled yet, so a run that stops midway is finished by the next one.

/** Sessions' region: only the country stays. */
export async function reduceSessionRegions(
  db: DbHandle,
  before: Date,
  batch: number,
): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ ip_region: null })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('sessions')
        .select('id')
        .where('created_at', '<', before)
        .where('ip_region', 'is not', null)
        .limit(batch),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Security events' region: only the country stays. */
export async function reduceSecurityEventRegions(
  db: DbHandle,
  before: Date,
  batch: number,
): Promise<number> {
  const result = await db
    .updateTable('security_events')
    .set({ ip_region: null })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('security_events')
        .select('id')
        .where('created_at', '<', before)
        .where('ip_region', 'is not', null)
        .limit(batch),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Risk events' network details (ASN, keyed address and network hashes): only the country stays. */
export async function reduceRiskEventNetworks(
  db: DbHandle,
  before: Date,
  batch: number,
): Promise<number> {
  // the columns are written once by the door (never updated by the app): set here through a cast
  const result = await db
    .updateTable('risk_events')
    .set({ asn: null, ip_key: null, network_key: null } as never)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('risk_events')
        .select('id')
        .where('created_at', '<', before)
        .where((w) =>
          w.or([
            w('asn', 'is not', null),
            w('ip_key', 'is not', null),
            w('network_key', 'is not', null),
          ]),
        )
        .limit(batch),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Sessions revoked or expired before `before`. */
export async function deleteEndedSessions(
  db: DbHandle,
  before: Date,
  batch: number,
): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('sessions')
        .select('id')
        .where((w) => w.or([w('revoked_at', '<', before), w('expires_at', '<', before)]))
        .limit(batch),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Confirmed step-ups whose code expired before `before`. A step-up still to be confirmed stays:
 * it is what holds the account's restriction (docs/risk.md "Step-up").
 */
export async function deleteConfirmedStepUps(
  db: DbHandle,
  before: Date,
  batch: number,
): Promise<number> {
  const result = await db
    .deleteFrom('step_ups')
    .where('account_id', 'in', (eb) =>
      eb
        .selectFrom('step_ups')
        .select('account_id')
        .where('completed_at', 'is not', null)
        .where('expires_at', '<', before)
        .limit(batch),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Risk events recorded before `before`. */
export async function deleteRiskEvents(db: DbHandle, before: Date, batch: number): Promise<number> {
  const result = await db
    .deleteFrom('risk_events')
    .where('id', 'in', (eb) =>
      eb.selectFrom('risk_events').select('id').where('created_at', '<', before).limit(batch),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
