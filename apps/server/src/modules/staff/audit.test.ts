import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helper.js';
import { inTransaction } from '../../db/database.js';
import { AUDIT_GENESIS, auditHash, recordAudit, verifyAuditChain } from './audit.js';

let testDb: TestDatabase;
beforeEach(async () => {
  testDb = await createTestDatabase();
});
afterEach(async () => {
  await testDb.close();
});

const db = () => testDb.database.db;

function entry(index: number) {
  return {
    actorId: null,
    actorKind: 'system' as const,
    action: 'note.auto_enforce',
    targetType: 'note',
    targetId: `note-${index}`,
    data: { index, terms: ['weed'], nested: { b: 1, a: [true, null, 'ü'] } },
  };
}

async function appendRecords(count: number) {
  for (let index = 1; index <= count; index += 1) {
    await inTransaction(db(), (tx) => recordAudit(tx, entry(index)));
  }
}

function rows() {
  return db().selectFrom('audit_log').selectAll().orderBy('seq').execute();
}

/** Tampering needs the triggers off, as only the database owner could do. */
async function withoutTriggers(tamper: () => Promise<unknown>) {
  await testDb.database.execScript(
    'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete',
  );
  try {
    await tamper();
  } finally {
    await testDb.database.execScript(
      'ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete',
    );
  }
}

describe('recordAudit', () => {
  it('chains records: seq counts up from 1, each names the hash of the one before', async () => {
    await appendRecords(3);
    const chain = await rows();
    expect(chain.map((row) => row.seq)).toEqual([1, 2, 3]);
    expect(chain[0]!.prev_hash).toBe(AUDIT_GENESIS);
    expect(chain[1]!.prev_hash).toBe(chain[0]!.hash);
    expect(chain[2]!.prev_hash).toBe(chain[1]!.hash);
    // the hash is reproducible from the stored row alone
    for (const row of chain) {
      expect(
        auditHash(row.prev_hash, {
          id: row.id,
          createdAt: row.created_at,
          actorId: row.actor_id,
          actorKind: row.actor_kind,
          action: row.action,
          targetType: row.target_type,
          targetId: row.target_id,
          data: row.data,
          prevHash: row.prev_hash,
        }),
      ).toBe(row.hash);
    }
    expect(chain[2]!.data).toEqual(entry(3).data);
  });

  it('writes in the caller transaction: an action failing after recording leaves no record', async () => {
    await appendRecords(1);
    const failing = inTransaction(db(), async (tx) => {
      await recordAudit(tx, { ...entry(2), action: 'staff.add' });
      throw new Error('the action failed after its audit record');
    });
    await expect(failing).rejects.toThrow('the action failed');
    expect(await rows()).toHaveLength(1);
    // the next record continues the chain where the committed one ended
    await inTransaction(db(), (tx) => recordAudit(tx, entry(3)));
    const chain = await rows();
    expect(chain.map((row) => row.seq)).toEqual([1, 2]);
    expect(chain[1]!.prev_hash).toBe(chain[0]!.hash);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('keeps one unbroken chain under 20 concurrent transactions', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        inTransaction(db(), async (tx) => {
          // work in the same transaction before and after the record, as a real action has
          await sql`select 1`.execute(tx);
          const record = await recordAudit(tx, entry(index + 1));
          await sql`select ${record.seq}::bigint`.execute(tx);
        }),
      ),
    );
    const chain = await rows();
    expect(chain.map((row) => row.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(chain.map((row) => row.prev_hash)).size).toBe(20);
    expect(new Set(chain.map((row) => row.target_id)).size).toBe(20);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, checked: 20, problems: [] });
  });
});

describe('the database', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on the audit log', async () => {
    await appendRecords(2);
    const before = await rows();
    for (const statement of [
      sql`update audit_log set action = 'nothing.happened' where seq = 1`,
      sql`delete from audit_log where seq = 2`,
      sql`truncate audit_log`,
    ]) {
      await expect(statement.execute(db())).rejects.toThrow(/append-only/);
    }
    expect(await rows()).toEqual(before);
  });
});

describe('verifyAuditChain', () => {
  it('passes an intact chain and names its head', async () => {
    await appendRecords(4);
    const chain = await rows();
    expect(await verifyAuditChain(db())).toEqual({
      ok: true,
      checked: 4,
      problems: [],
      head: { seq: 4, hash: chain[3]!.hash },
    });
  });

  it('detects an edited record', async () => {
    await appendRecords(5);
    await withoutTriggers(() =>
      sql`update audit_log set data = '{"index": 3, "forged": true}' where seq = 3`.execute(db()),
    );
    expect(await verifyAuditChain(db())).toMatchObject({
      ok: false,
      checked: 5,
      problems: [{ seq: 3, kind: 'edited' }],
    });
  });

  it('detects an edited timestamp or actor', async () => {
    await appendRecords(3);
    await withoutTriggers(async () => {
      await sql`update audit_log set created_at = created_at - interval '1 day' where seq = 1`.execute(
        db(),
      );
      await sql`update audit_log set actor_kind = 'cli' where seq = 2`.execute(db());
    });
    expect((await verifyAuditChain(db())).problems).toEqual([
      { seq: 1, kind: 'edited' },
      { seq: 2, kind: 'edited' },
    ]);
  });

  it('detects a record edited and re-hashed by the link from the next one', async () => {
    await appendRecords(5);
    const [third] = (await rows()).filter((row) => row.seq === 3);
    const forgedData = { index: 3, forged: true };
    const forgedHash = auditHash(third!.prev_hash, {
      id: third!.id,
      createdAt: third!.created_at,
      actorId: third!.actor_id,
      actorKind: third!.actor_kind,
      action: third!.action,
      targetType: third!.target_type,
      targetId: third!.target_id,
      data: forgedData,
      prevHash: third!.prev_hash,
    });
    await withoutTriggers(() =>
      sql`update audit_log set data = ${JSON.stringify(forgedData)}::jsonb, hash = ${forgedHash} where seq = 3`.execute(
        db(),
      ),
    );
    expect((await verifyAuditChain(db())).problems).toEqual([{ seq: 4, kind: 'broken_link' }]);
  });

  it('detects a deleted record, also the first one', async () => {
    await appendRecords(6);
    await withoutTriggers(() => sql`delete from audit_log where seq in (1, 4)`.execute(db()));
    expect(await verifyAuditChain(db())).toMatchObject({
      ok: false,
      checked: 4,
      problems: [
        { seq: 1, kind: 'deleted' },
        { seq: 4, kind: 'deleted' },
      ],
    });
  });

  it('detects a deletion hidden by renumbering the records after it', async () => {
    await appendRecords(5);
    await withoutTriggers(async () => {
      await sql`delete from audit_log where seq = 3`.execute(db());
      await sql`update audit_log set seq = seq - 1 where seq > 3`.execute(db());
    });
    expect((await verifyAuditChain(db())).problems).toEqual([{ seq: 3, kind: 'broken_link' }]);
  });

  it('detects two records swapped', async () => {
    await appendRecords(6);
    await withoutTriggers(async () => {
      await sql`update audit_log set seq = 1000 where seq = 3`.execute(db());
      await sql`update audit_log set seq = 3 where seq = 4`.execute(db());
      await sql`update audit_log set seq = 4 where seq = 1000`.execute(db());
    });
    const result = await verifyAuditChain(db());
    expect(result.ok).toBe(false);
    expect(result.checked).toBe(6);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { seq: 3, kind: 'reordered' },
        { seq: 4, kind: 'reordered' },
      ]),
    );
    expect(result.problems.every((problem) => problem.kind === 'reordered')).toBe(true);
  });

  it('detects a record moved to the end', async () => {
    await appendRecords(4);
    await withoutTriggers(() => sql`update audit_log set seq = 9 where seq = 2`.execute(db()));
    const result = await verifyAuditChain(db());
    expect(result.problems).toEqual([
      { seq: 3, kind: 'reordered' },
      { seq: 9, kind: 'reordered' },
    ]);
  });

  it('cannot see records cut off the end, but the head moves', async () => {
    await appendRecords(4);
    const head = (await verifyAuditChain(db())).head;
    await withoutTriggers(() => sql`delete from audit_log where seq = 4`.execute(db()));
    const result = await verifyAuditChain(db());
    expect(result.ok).toBe(true);
    // which is why operators keep the head somewhere else and compare
    expect(result.head).not.toEqual(head);
    expect(result.head?.seq).toBe(3);
  });
});
