import { PERSONAL_DATA_REVEAL_MINUTES } from '@atrium/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditRows, buildStaffTestApp, signedInStaff } from '../../../test/fixtures/staff.js';
import { failure, signedIn, type TestApp } from '../../../test/helper.js';
import { maskEmail, maskPhone } from './personal-data-access.js';

let test: TestApp;
beforeEach(async () => {
  test = await buildStaffTestApp();
});
afterEach(async () => {
  vi.useRealTimers();
  await test.close();
});

describe('masks', () => {
  it('keep a first letter, the top-level domain, a country code and two digits', () => {
    expect(maskEmail('jane.doe@gmail.com')).toBe('j•••@g•••.com');
    expect(maskEmail('李@例子.中国')).toBe('李•••@例•••.中国');
    expect(maskEmail('broken')).toBe('•••');
    expect(maskPhone('+14155550142')).toBe('+1 •••• ••42');
    expect(maskPhone('+8613123935893')).toBe('+86 •••• ••93');
    expect(maskPhone('12')).toBe('•••');
  });
});

describe('purpose-bound access to personal data', () => {
  it('shows moderators masked data, and only administrators unmask it with a reason', async () => {
    const holder = await signedIn(test, 'holder_hana');
    const moderator = await signedInStaff(test, 'mila_team', 'moderator');
    const analyst = await signedInStaff(test, 'ana_lyst', 'analyst');
    const admin = await signedInStaff(test, 'lead_ada', 'admin');

    const masked = await moderator.client.staff.personalData('holder_hana');
    expect(masked).toMatchObject({
      accountId: holder.account.id,
      handle: 'holder_hana',
      email: 'h•••@e•••.org',
      phone: null,
      masked: true,
      revealedUntil: null,
    });
    // analysts see aggregates only: not even the masked form
    expect((await failure(analyst.client.staff.personalData('holder_hana'))).code).toBe(
      'FORBIDDEN',
    );
    // a moderator cannot unmask, whatever the reason
    const refused = await failure(
      moderator.client.staff.revealPersonalData('holder_hana', 'I would like to see it please'),
    );
    expect(refused.code).toBe('FORBIDDEN');
    // a reason of blanks is no reason
    const blank = await failure(
      admin.client.staff.revealPersonalData('holder_hana', '             '),
    );
    expect(blank.code).toBe('VALIDATION_FAILED');
    expect(await auditRows(test, 'personal_data.reveal')).toHaveLength(0);

    const revealed = await admin.client.staff.revealPersonalData(
      'holder_hana',
      'Impersonation report #118: checking the contact',
    );
    expect(revealed).toMatchObject({ email: 'holder_hana@example.org', masked: false });
    const until = Date.parse(revealed.revealedUntil!);
    expect(until - Date.now()).toBeGreaterThan((PERSONAL_DATA_REVEAL_MINUTES - 1) * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(PERSONAL_DATA_REVEAL_MINUTES * 60_000);
    // the same administrator keeps seeing it for the window; nobody else does
    expect((await admin.client.staff.personalData('holder_hana')).masked).toBe(false);
    expect((await moderator.client.staff.personalData('holder_hana')).email).toBe('h•••@e•••.org');
    const [record] = await auditRows(test, 'personal_data.reveal');
    expect(record).toMatchObject({
      actor_id: admin.account.id,
      target_type: 'account',
      target_id: holder.account.id,
    });
    expect(record!.data).toMatchObject({
      reason: 'Impersonation report #118: checking the contact',
      fields: ['email'],
      role: 'admin',
    });
    expect((await test.staff.verifyAudit()).ok).toBe(true);
  });

  it('ends the unmasking after its window', async () => {
    await signedIn(test, 'holder_hugo');
    const admin = await signedInStaff(test, 'lead_abe', 'admin');
    await admin.client.staff.revealPersonalData('holder_hugo', 'Legal request LR-2026-77 received');
    vi.useFakeTimers({
      toFake: ['Date'],
      now: Date.now() + PERSONAL_DATA_REVEAL_MINUTES * 60_000 + 1_000,
    });
    const later = await admin.client.staff.personalData('holder_hugo');
    expect(later).toMatchObject({ masked: true, email: 'h•••@e•••.org', revealedUntil: null });
  });

  it("tells the holder when, in which role and why — and nobody else's", async () => {
    const holder = await signedIn(test, 'holder_ines');
    const other = await signedIn(test, 'holder_otto');
    const admin = await signedInStaff(test, 'lead_alba', 'admin');
    await admin.client.staff.revealPersonalData('holder_ines', 'Court order 4411 for account data');
    await admin.client.staff.revealPersonalData(
      'holder_ines',
      'Second look for the same court order',
    );

    const log = await holder.client.me.accessLog();
    expect(log.items.map((entry) => entry.reason)).toEqual([
      'Second look for the same court order',
      'Court order 4411 for account data',
    ]);
    expect(log.items[0]).toMatchObject({ role: 'admin', fields: ['email'] });
    expect(log.items[0]!.until).not.toBeNull();
    // the role, not the person
    const text = JSON.stringify(log);
    expect(text).not.toContain('lead_alba');
    expect(text).not.toContain(admin.account.id);
    // pages
    const first = await holder.client.me.accessLog({ limit: 1 });
    expect(first.items).toHaveLength(1);
    const second = await holder.client.me.accessLog({ limit: 1, cursor: first.nextCursor! });
    expect(second.items[0]!.reason).toBe('Court order 4411 for account data');
    expect(second.nextCursor).toBeNull();

    expect((await other.client.me.accessLog()).items).toEqual([]);
    // a masked look is not a read of personal data: it is not in the log
    await admin.client.staff.personalData('holder_otto');
    expect((await other.client.me.accessLog()).items).toEqual([]);
  });

  it('answers 404 for an unknown handle', async () => {
    const admin = await signedInStaff(test, 'lead_ari', 'admin');
    expect((await failure(admin.client.staff.personalData('nobody_here'))).code).toBe('NOT_FOUND');
    expect(
      (await failure(admin.client.staff.revealPersonalData('nobody_here', 'A reason long enough')))
        .code,
    ).toBe('NOT_FOUND');
    expect(await auditRows(test, 'personal_data.reveal')).toHaveLength(0);
  });
});
