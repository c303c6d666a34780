import { AtriumError } from '@atrium/sdk';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  IPS,
  signUpByPhone,
  startPhoneCode,
  type TestApp,
} from '../../../test/helper.js';

let test: TestApp;
beforeEach(async () => {
  test = await buildTestApp();
});
afterEach(async () => {
  await test.close();
});

const CN_MOBILE = '+86 138 0013 8000';
const CN_E164 = '+8613800138000';

async function startAndReadCode(phone: string, e164: string, ip?: string) {
  const client = test.client(ip ? { ip } : {});
  const started = await startPhoneCode(client, { phone });
  const code = test.outbox.messagesTo(e164)[0]?.code;
  expect(code).toMatch(/^\d{6}$/);
  return { client, verificationId: started.verificationId, code: code! };
}

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AtriumError);
  return error as AtriumError;
}

describe('POST /api/auth/phone/start', () => {
  it('sends a 6-digit code valid for 10 minutes and stores only its hash', async () => {
    const before = Date.now();
    const { verificationId, code } = await startAndReadCode(CN_MOBILE, CN_E164);
    const row = await test.database.db
      .selectFrom('phone_verifications')
      .selectAll()
      .where('id', '=', verificationId)
      .executeTakeFirstOrThrow();
    // the number is sealed (modules/vault): no plaintext in the row, found by its blind index
    expect(row.phone_e164).toBeNull();
    expect(row.phone_sealed).not.toContain('13800138000');
    expect(await test.vault.openCodePhone(row)).toBe(CN_E164);
    expect(Buffer.from(row.phone_index!)).toEqual(test.vault.index('phone', CN_E164));
    expect(row.code_hash.length).toBe(32);
    expect(row.code_hash.toString('utf8')).not.toContain(code);
    const ttl = row.expires_at.getTime() - before;
    expect(ttl).toBeGreaterThan(9.9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000 + 2000);
  });

  it('forgets codes (and their phone numbers) a day after they expire', async () => {
    const old = await startAndReadCode(CN_MOBILE, CN_E164);
    const fresh = await startAndReadCode('+1 201 555 0123', '+12015550123');
    await test.database.db
      .updateTable('phone_verifications')
      .set({ expires_at: new Date(Date.now() - 2 * 86_400_000) })
      .where('id', '=', old.verificationId)
      .execute();
    await test.tasks.applyRetention.run();
    const left = await test.database.db.selectFrom('phone_verifications').select('id').execute();
    expect(left.map((row) => row.id)).toEqual([fresh.verificationId]);
  });

  it('reads national formats with the country hint or the IP country', async () => {
    await test.client().auth.phoneStart({ phone: '(201) 555-0123', country: 'US' });
    expect(test.outbox.messagesTo('+12015550123')).toHaveLength(1);
    // a Brazilian mobile in national format, from a Brazilian address
    await test.client({ ip: IPS.BRAZIL }).auth.phoneStart({ phone: '(11) 96123-4567' });
    expect(test.outbox.messagesTo('+5511961234567')).toHaveLength(1);
  });

  it.each([
    ['not a number', 'hello'],
    ['too short', '+86 138'],
    ['a Chinese fixed line', '+86 10 6552 9988'],
    ['a UK premium-rate line', '+44 909 8790000'],
    ['a national number without a country', '13800138000'],
  ])('refuses %s with 400 INVALID_PHONE', async (_label, phone) => {
    const error = await rejection(test.client().auth.phoneStart({ phone }));
    expect(error.status).toBe(400);
    expect(error.code).toBe('INVALID_PHONE');
    const count = await test.database.db
      .selectFrom('phone_verifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(0);
  });

  it('refuses a body that does not match the schema with VALIDATION_FAILED and the field', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/auth/phone/start',
      payload: { phone: CN_MOBILE, extra: true },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.fields).toEqual([{ field: '/body/extra', message: 'is not allowed' }]);
  });

  it('answers a second request within 30 s with the same verification, without a new text', async () => {
    const first = await test.client().auth.phoneStart({ phone: CN_MOBILE });
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/auth/phone/start',
      payload: { phone: CN_E164 },
    });
    expect(response.statusCode).toBe(202);
    expect(response.json().verificationId).toBe(first.verificationId);
    expect(test.outbox.messagesTo(CN_E164)).toHaveLength(1);
  });

  it('limits requests per IP address', async () => {
    let limited = 0;
    for (let index = 0; index < 12; index += 1) {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/auth/phone/start',
        headers: { 'x-forwarded-for': '203.0.113.7' },
        payload: { phone: `+1 201 555 01${String(index).padStart(2, '0')}` },
      });
      if (response.statusCode === 429) {
        limited += 1;
        expect(response.json().code).toBe('RATE_LIMITED');
        expect(response.headers['retry-after']).toBeDefined();
      }
    }
    expect(limited).toBe(2);
    // another client is not affected
    const other = await test
      .client({ ip: '198.51.100.9' })
      .auth.phoneStart({ phone: '+1 201 555 0199' });
    expect(other.verificationId).toBeTruthy();
  });
});

describe('POST /api/auth/phone/verify', () => {
  it('signs up a new number: 200, created, account stored with E.164 and IP location', async () => {
    const { client, verificationId, code } = await startAndReadCode(
      CN_MOBILE,
      CN_E164,
      IPS.GUANGDONG,
    );
    const result = await client.auth.phoneVerify({
      verificationId,
      code,
      handle: 'Lin_Mei',
      displayName: '林美 🌸',
      locale: 'zh-Hans',
    });
    expect(result.created).toBe(true);
    expect(result.token).toMatch(/^atr_[A-Za-z0-9_-]{43}$/);
    expect(result.account.handle).toBe('lin_mei');
    expect(result.account.displayName).toBe('林美 🌸');
    expect(result.account.ipLocation).toBe('广东');
    expect(result.account.hasPhone).toBe(true);
    const row = await test.database.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', result.account.id)
      .executeTakeFirstOrThrow();
    expect(row.phone_e164).toBeNull();
    expect((await test.vault.contactOf(test.database.db, row)).phone).toBe(CN_E164);
    expect(row.signup_country).toBe('CN');
    expect(row.signup_region).toBe('CN-GD');
    const verification = await test.database.db
      .selectFrom('phone_verifications')
      .select('consumed_at')
      .where('id', '=', verificationId)
      .executeTakeFirstOrThrow();
    expect(verification.consumed_at).not.toBeNull();
  });

  it('logs in an existing number: created false, location refreshed', async () => {
    const first = await signUpByPhone(test, { phone: CN_E164, handle: 'lin', ip: IPS.GUANGDONG });
    await test.database.db
      .updateTable('phone_verifications')
      .set({ created_at: sql`now() - interval '1 minute'` })
      .execute();
    const { client, verificationId, code } = await startAndReadCode(CN_MOBILE, CN_E164, IPS.US);
    const second = await client.auth.phoneVerify({ verificationId, code });
    expect(second.created).toBe(false);
    expect(second.account.id).toBe(first.account.id);
    expect(second.token).not.toBe(first.token);
    const row = await test.database.db
      .selectFrom('accounts')
      .select(['ip_country', 'signup_country'])
      .where('id', '=', first.account.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ ip_country: 'US', signup_country: 'CN' });
  });

  it('needs a handle for a new number and keeps the code usable', async () => {
    const { client, verificationId, code } = await startAndReadCode(CN_MOBILE, CN_E164);
    const error = await rejection(client.auth.phoneVerify({ verificationId, code }));
    expect(error.status).toBe(400);
    expect(error.code).toBe('HANDLE_REQUIRED');
    const result = await client.auth.phoneVerify({ verificationId, code, handle: 'mei' });
    expect(result.created).toBe(true);
  });

  it('answers 409 HANDLE_TAKEN for a handle in use, case-insensitively', async () => {
    await signUpByPhone(test, { phone: '+1 201 555 0100', handle: 'taken.name' });
    const { client, verificationId, code } = await startAndReadCode(CN_MOBILE, CN_E164);
    const error = await rejection(
      client.auth.phoneVerify({ verificationId, code, handle: 'Taken.Name' }),
    );
    expect(error.status).toBe(409);
    expect(error.code).toBe('HANDLE_TAKEN');
    const accounts = await test.database.db.selectFrom('accounts').select('id').execute();
    expect(accounts).toHaveLength(1);
  });

  it.each([
    ['too short', 'ab', 'HANDLE_INVALID'],
    ['too long', 'a'.repeat(31), 'HANDLE_INVALID'],
    ['with a dash', 'lin-mei', 'HANDLE_INVALID'],
    ['in Chinese', '林美美', 'HANDLE_INVALID'],
    ['reserved', 'admin', 'HANDLE_RESERVED'],
    ['reserved with dots', 'sup.port', 'HANDLE_RESERVED'],
  ])('refuses a handle %s', async (_label, handle, code) => {
    const started = await startAndReadCode(CN_MOBILE, CN_E164);
    const error = await rejection(
      started.client.auth.phoneVerify({
        verificationId: started.verificationId,
        code: started.code,
        handle,
      }),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe(code);
  });

  it.each([
    ['empty after trimming', ' \u200b '],
    ['a control character', 'Mei\u0007'],
    ['a bidi override', 'Mei\u202Egnp.exe'],
    ['41 characters', 'x'.repeat(41)],
  ])('refuses a display name that is %s', async (_label, displayName) => {
    const started = await startAndReadCode(CN_MOBILE, CN_E164);
    const error = await rejection(
      started.client.auth.phoneVerify({
        verificationId: started.verificationId,
        code: started.code,
        handle: 'mei',
        displayName,
      }),
    );
    expect(error.code).toBe('DISPLAY_NAME_INVALID');
  });

  it('counts wrong codes: the fifth wrong attempt ends the code', async () => {
    const { client, verificationId, code } = await startAndReadCode(CN_MOBILE, CN_E164);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const error = await rejection(
        client.auth.phoneVerify({ verificationId, code: wrong, handle: 'mei' }),
      );
      expect(error.code).toBe('INVALID_CODE');
    }
    const fifth = await rejection(
      client.auth.phoneVerify({ verificationId, code: wrong, handle: 'mei' }),
    );
    expect(fifth.code).toBe('TOO_MANY_ATTEMPTS');
    // even the right code no longer works
    const after = await rejection(client.auth.phoneVerify({ verificationId, code, handle: 'mei' }));
    expect(after.code).toBe('TOO_MANY_ATTEMPTS');
    const row = await test.database.db
      .selectFrom('phone_verifications')
      .select('attempts')
      .where('id', '=', verificationId)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(5);
    expect(await test.database.db.selectFrom('accounts').select('id').execute()).toHaveLength(0);
  });

  it('refuses an expired code with CODE_EXPIRED', async () => {
    const { client, verificationId, code } = await startAndReadCode(CN_MOBILE, CN_E164);
    await test.database.db
      .updateTable('phone_verifications')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    const error = await rejection(client.auth.phoneVerify({ verificationId, code, handle: 'mei' }));
    expect(error.status).toBe(400);
    expect(error.code).toBe('CODE_EXPIRED');
  });

  it('refuses a code used twice, and an unknown verification', async () => {
    const { client, verificationId, code } = await startAndReadCode(CN_MOBILE, CN_E164);
    await client.auth.phoneVerify({ verificationId, code, handle: 'mei' });
    const again = await rejection(client.auth.phoneVerify({ verificationId, code }));
    expect(again.code).toBe('CODE_EXPIRED');
    const unknown = await rejection(
      client.auth.phoneVerify({ verificationId: crypto.randomUUID(), code }),
    );
    expect(unknown.code).toBe('INVALID_CODE');
  });

  it('lets only one of two parallel verifications with the same code through', async () => {
    const { client, verificationId, code } = await startAndReadCode(CN_MOBILE, CN_E164);
    const results = await Promise.allSettled([
      client.auth.phoneVerify({ verificationId, code, handle: 'first' }),
      client.auth.phoneVerify({ verificationId, code, handle: 'second' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect((failed.reason as AtriumError).code).toBe('CODE_EXPIRED');
    expect(await test.database.db.selectFrom('accounts').select('id').execute()).toHaveLength(1);
  });
});
