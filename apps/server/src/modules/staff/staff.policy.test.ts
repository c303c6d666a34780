import { describe, expect, it } from 'vitest';
import {
  canActOn,
  canDropAdmin,
  canUse,
  inScope,
  PERMISSIONS,
  primaryLanguage,
  ROLE_PERMISSIONS,
  type StaffScope,
} from './staff.policy.js';

const member = (role: StaffScope['role'], languages: string[] = [], regions: string[] = []) => ({
  accountId: '01a1fe23-0118-7000-aebb-b828a830ddd7',
  role,
  languages,
  regions,
});

describe('roles', () => {
  it('gives admins every permission', () => {
    expect([...ROLE_PERMISSIONS.admin].sort()).toEqual([...PERMISSIONS].sort());
  });

  it('gives moderators cases, account actions, reports, reading the policy and narrowing the lexicon', () => {
    expect([...ROLE_PERMISSIONS.moderator].sort()).toEqual(
      [
        'accounts.act',
        'cases.decide',
        'cases.read',
        'lexicon.tune',
        'policy.read',
        'reports.read',
      ].sort(),
    );
  });

  it('keeps analysts read-only', () => {
    expect([...ROLE_PERMISSIONS.analyst].sort()).toEqual(
      ['audit.read', 'cases.read', 'metrics.read', 'policy.read', 'reports.read'].sort(),
    );
    for (const permission of ROLE_PERMISSIONS.analyst) expect(permission).toMatch(/\.read$/);
  });
});

describe('canUse', () => {
  it('denies a non-member with a reason', () => {
    expect(canUse(null, 'cases.read')).toEqual({ code: 'FORBIDDEN', reason: 'not a staff member' });
  });

  it('denies a permission the role lacks, naming both', () => {
    expect(canUse(member('moderator'), 'audit.read')).toEqual({
      code: 'FORBIDDEN',
      reason: 'the moderator role does not include audit.read',
    });
    expect(canUse(member('analyst'), 'cases.decide')?.code).toBe('FORBIDDEN');
  });

  it('allows what the role grants', () => {
    expect(canUse(member('moderator'), 'cases.decide')).toBeNull();
    expect(canUse(member('analyst'), 'metrics.read')).toBeNull();
    expect(canUse(member('admin'), 'staff.manage')).toBeNull();
  });
});

describe('inScope', () => {
  const scoped = member('moderator', ['en', 'zh'], ['US', 'BR']);

  it('lets an unscoped member see everything', () => {
    expect(inScope(member('moderator'), { lang: 'ja', region: 'JP' })).toBe(true);
  });

  it('matches languages by primary subtag', () => {
    expect(primaryLanguage('zh-Hans')).toBe('zh');
    expect(inScope(scoped, { lang: 'zh-Hans', region: 'US' })).toBe(true);
    expect(inScope(scoped, { lang: 'zh-Hant-TW', region: 'BR' })).toBe(true);
    expect(inScope(scoped, { lang: 'EN-gb', region: 'US' })).toBe(true);
  });

  it('needs both the language and the region to fit', () => {
    expect(inScope(scoped, { lang: 'es', region: 'US' })).toBe(false);
    expect(inScope(scoped, { lang: 'en', region: 'DE' })).toBe(false);
  });

  it('puts content of unknown language or region in every scope', () => {
    expect(inScope(scoped, { lang: null, region: 'US' })).toBe(true);
    expect(inScope(scoped, { lang: 'und', region: 'BR' })).toBe(true);
    expect(inScope(scoped, { lang: 'en', region: null })).toBe(true);
    expect(inScope(scoped, { lang: null, region: null })).toBe(true);
    // a known language outside the scope still excludes it
    expect(inScope(scoped, { lang: 'ja', region: null })).toBe(false);
  });

  it('compares regions case-insensitively', () => {
    expect(inScope(scoped, { lang: 'en', region: 'br' })).toBe(true);
  });

  it('scopes only one dimension when the other list is empty', () => {
    const languagesOnly = member('moderator', ['es'], []);
    expect(inScope(languagesOnly, { lang: 'es-MX', region: 'MX' })).toBe(true);
    expect(inScope(languagesOnly, { lang: 'pt', region: 'MX' })).toBe(false);
  });
});

describe('canActOn', () => {
  it('checks the permission first, then the scope', () => {
    const scoped = member('moderator', ['en'], []);
    expect(canActOn(null, 'cases.decide', { lang: 'en', region: null })?.reason).toBe(
      'not a staff member',
    );
    expect(canActOn(member('analyst'), 'cases.decide', { lang: 'en', region: null })?.code).toBe(
      'FORBIDDEN',
    );
    expect(canActOn(scoped, 'cases.decide', { lang: 'es', region: null })).toEqual({
      code: 'FORBIDDEN',
      reason: 'outside your languages or regions',
    });
    expect(canActOn(scoped, 'cases.decide', { lang: 'en', region: 'CN' })).toBeNull();
  });
});

describe('canDropAdmin', () => {
  it('refuses to drop the last admin', () => {
    expect(canDropAdmin({ role: 'admin' }, 1)?.code).toBe('LAST_ADMIN');
  });

  it('allows dropping an admin when another remains, and any other role', () => {
    expect(canDropAdmin({ role: 'admin' }, 2)).toBeNull();
    expect(canDropAdmin({ role: 'moderator' }, 1)).toBeNull();
  });
});
