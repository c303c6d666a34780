import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAccountRow, buildTestApp, type TestApp } from '../../../test/helper.js';
import { uuidv7 } from '../../lib/uuid7.js';
import { DEFAULT_RETENTION } from './retention.schedule.js';
import { createRetention } from './retention.service.js';

// One test per schedule: rows past the limit are reduced or deleted, younger rows are untouched.
// Rows are aged with SQL (their timestamps moved back), then the app's periodic task runs.

let test: TestApp;
let account: string;
beforeEach(async () => {
  test = await buildTestApp();
  account = await addAccountRow(test.database.db, 'keeper');
});
afterEach(async () => {
  await test.close();
});

const db = () => test.database.db;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

async function addSession(created: Date, ended: { expires: Date; revoked?: Date }) {
  const id = uuidv7();
  await db()
    .insertInto('sessions')
    .values({
      id,
      account_id: account,
      token_hash: randomBytes(32),
      user_agent: 'test',
      ip_country: 'CN',
      ip_region: 'Shanghai',
      created_at: created,
      last_used_at: created,
      expires_at: ended.expires,
      revoked_at: ended.revoked ?? null,
    })
    .execute();
  return id;
}

async function addSecurityEvent(created: Date) {
  const id = uuidv7();
  await db()
    .insertInto('security_events')
    .values({
      id,
      account_id: account,
      subject: `account:${account}`,
      kind: 'password_changed',
      ip_country: 'CN',
      ip_region: 'Shanghai',
      created_at: created,
    })
    .execute();
  return id;
}

async function addRiskEvent(created: Date) {
  const id = uuidv7();
  await sql`INSERT INTO risk_events (id, account_id, kind, data, created_at, surface, decision,
      score, ip_country, asn, ip_key, network_key, device_key)
    VALUES (${id}, ${account}, 'door', '{}', ${created}, 'signup', 'allow', 0, 'CN', 4134,
      'ipkey', 'netkey', 'devkey')`.execute(db());
  return id;
}

const run = () => test.tasks.applyRetention.run();

describe('the retention schedule', () => {
  it('reduces network details to the country after 30 days', async () => {
    const oldSession = await addSession(daysAgo(31), { expires: daysAgo(-10) });
    const newSession = await addSession(daysAgo(29), { expires: daysAgo(-10) });
    const oldEvent = await addSecurityEvent(daysAgo(31));
    const newEvent = await addSecurityEvent(daysAgo(29));
    const oldRisk = await addRiskEvent(daysAgo(31));
    const newRisk = await addRiskEvent(daysAgo(29));
    await run();

    const sessions = await db()
      .selectFrom('sessions')
      .select(['id', 'ip_country', 'ip_region'])
      .execute();
    expect(sessions.find((s) => s.id === oldSession)).toMatchObject({
      ip_country: 'CN',
      ip_region: null,
    });
    expect(sessions.find((s) => s.id === newSession)).toMatchObject({ ip_region: 'Shanghai' });

    const events = await db()
      .selectFrom('security_events')
      .select(['id', 'ip_country', 'ip_region'])
      .execute();
    expect(events.find((e) => e.id === oldEvent)).toMatchObject({
      ip_country: 'CN',
      ip_region: null,
    });
    expect(events.find((e) => e.id === newEvent)).toMatchObject({ ip_region: 'Shanghai' });

    const risks = await db()
      .selectFrom('risk_events')
      .select(['id', 'ip_country', 'asn', 'ip_key', 'network_key', 'device_key'])
      .execute();
    expect(risks.find((r) => r.id === oldRisk)).toEqual({
      id: oldRisk,
      ip_country: 'CN',
      asn: null,
      ip_key: null,
      network_key: null,
      device_key: 'devkey',
    });
    expect(risks.find((r) => r.id === newRisk)).toMatchObject({
      asn: 4134,
      ip_key: 'ipkey',
      network_key: 'netkey',
    });
  });

  it('deletes sessions 90 days after they ended, and keeps live ones', async () => {
    const expiredLongAgo = await addSession(daysAgo(200), { expires: daysAgo(91) });
    const revokedLongAgo = await addSession(daysAgo(200), {
      expires: daysAgo(-10),
      revoked: daysAgo(91),
    });
    const expiredRecently = await addSession(daysAgo(200), { expires: daysAgo(89) });
    const revokedRecently = await addSession(daysAgo(200), {
      expires: daysAgo(-10),
      revoked: daysAgo(89),
    });
    const live = await addSession(daysAgo(200), { expires: daysAgo(-10) });
    await run();
    const left = await db().selectFrom('sessions').select('id').execute();
    expect(left.map((s) => s.id).sort()).toEqual([expiredRecently, revokedRecently, live].sort());
    expect(left.map((s) => s.id)).not.toContain(expiredLongAgo);
    expect(left.map((s) => s.id)).not.toContain(revokedLongAgo);
  });

  it('deletes one-time codes a day past their expiry; a pending step-up stays', async () => {
    const code = async (expires: Date) => {
      const id = uuidv7();
      await db()
        .insertInto('phone_verifications')
        .values({
          id,
          phone_e164: '+8613800138000',
          code_hash: randomBytes(32),
          expires_at: expires,
        })
        .execute();
      return id;
    };
    const oldCode = await code(new Date(Date.now() - 25 * 3_600_000));
    const newCode = await code(new Date(Date.now() - 23 * 3_600_000));
    const stepUp = async (handle: string, expires: Date, completed: boolean) => {
      const id = await addAccountRow(db(), handle);
      await db()
        .insertInto('step_ups')
        .values({
          account_id: id,
          channel: 'sms',
          code_hash: randomBytes(32),
          expires_at: expires,
          restricted_until: daysAgo(-1),
          completed_at: completed ? expires : null,
        })
        .execute();
      return id;
    };
    const oldConfirmed = await stepUp('stepold', daysAgo(2), true);
    const newConfirmed = await stepUp('stepnew', new Date(Date.now() - 23 * 3_600_000), true);
    const oldPending = await stepUp('steppending', daysAgo(2), false);
    await run();
    const codes = await db().selectFrom('phone_verifications').select('id').execute();
    expect(codes.map((c) => c.id)).toEqual([newCode]);
    expect(codes.map((c) => c.id)).not.toContain(oldCode);
    const stepUps = await db().selectFrom('step_ups').select('account_id').execute();
    expect(stepUps.map((s) => s.account_id).sort()).toEqual([newConfirmed, oldPending].sort());
    expect(stepUps.map((s) => s.account_id)).not.toContain(oldConfirmed);
  });

  it('deletes security events after 90 days', async () => {
    const old = await addSecurityEvent(daysAgo(91));
    const young = await addSecurityEvent(daysAgo(89));
    await run();
    const left = await db().selectFrom('security_events').select('id').execute();
    expect(left.map((e) => e.id)).toEqual([young]);
    expect(left.map((e) => e.id)).not.toContain(old);
  });

  it('deletes risk events after 180 days', async () => {
    const old = await addRiskEvent(daysAgo(181));
    const young = await addRiskEvent(daysAgo(179));
    await run();
    const left = await db().selectFrom('risk_events').select('id').execute();
    expect(left.map((e) => e.id)).toEqual([young]);
    expect(left.map((e) => e.id)).not.toContain(old);
  });

  it('deletes cached translations and readings after 90 days', async () => {
    const add = async (hash: string, created: Date) => {
      await db()
        .insertInto('translations')
        .values({
          source_hash: hash,
          source_lang: 'zh',
          target_lang: 'en',
          engine: 'apertium',
          text: 'hello',
          created_at: created,
        })
        .execute();
      await db()
        .insertInto('readings')
        .values({
          source_hash: hash,
          source_lang: 'zh',
          target_lang: 'en',
          dictionary: 'cedict',
          tokens: JSON.stringify([{ text: '你好' }]) as never,
          created_at: created,
        })
        .execute();
    };
    await add('old', daysAgo(91));
    await add('young', daysAgo(89));
    await run();
    const translations = await db().selectFrom('translations').select('source_hash').execute();
    expect(translations.map((t) => t.source_hash)).toEqual(['young']);
    const readings = await db().selectFrom('readings').select('source_hash').execute();
    expect(readings.map((r) => r.source_hash)).toEqual(['young']);
  });

  it('follows the configured schedule', async () => {
    const custom = await buildTestApp({ RETENTION_RISK_EVENT_DAYS: '10' });
    try {
      const owner = await addAccountRow(custom.database.db, 'custom');
      for (const days of [11, 9]) {
        await sql`INSERT INTO risk_events (id, account_id, kind, data, created_at)
          VALUES (${uuidv7()}, ${owner}, 'door', '{}', ${daysAgo(days)})`.execute(
          custom.database.db,
        );
      }
      await custom.tasks.applyRetention.run();
      const left = await custom.database.db.selectFrom('risk_events').select('id').execute();
      expect(left).toHaveLength(1);
    } finally {
      await custom.close();
    }
  });

  it('works in batches until nothing is left, and a second run changes nothing', async () => {
    for (let i = 0; i < 5; i++) await addRiskEvent(daysAgo(200));
    for (let i = 0; i < 5; i++) await addSession(daysAgo(40), { expires: daysAgo(-10) });
    const retention = createRetention({
      db: db(),
      schedule: DEFAULT_RETENTION,
      pruneVerifications: async () => 0,
      pruneTranslations: async () => 0,
      pruneReadings: async () => 0,
      batch: 2,
    });
    const first = await retention.apply();
    expect(first).toMatchObject({ riskEvents: 5, network: 5 });
    const second = await retention.apply();
    expect(second).toEqual({
      network: 0,
      endedSessions: 0,
      oneTimeCodes: 0,
      riskEvents: 0,
      translations: 0,
    });
    expect(await db().selectFrom('risk_events').select('id').execute()).toEqual([]);
  });
});
