import type { StaffPermission } from '@atrium/contracts';
import { describe, expect, it } from 'vitest';
import { canDecideCase, canReadCases, canReport, canSeeCase } from './moderation.policy.js';
import type { StaffMember } from './staff-directory.js';

/** A member granted `permissions`, covering content in Portuguese or unknown languages only. */
function member(permissions: StaffPermission[]): StaffMember {
  return {
    accountId: 'moderator',
    languages: ['pt'],
    regions: [],
    lacks: (permission) => (permissions.includes(permission) ? null : `lacks ${permission}`),
    covers: (place) => place.lang === null || place.lang.startsWith('pt'),
  };
}

const inScope = { lang: 'pt-BR', region: 'BR' };
const outOfScope = { lang: 'en', region: 'US' };
const moderator = member(['cases.read', 'cases.decide', 'accounts.act']);
const analyst = member(['cases.read']);

describe('moderation policy', () => {
  it('lets only staff with cases.read read the queue', () => {
    expect(canReadCases(null)).toMatchObject({ code: 'FORBIDDEN', reason: 'not a staff member' });
    expect(canReadCases(member([]))).toEqual({ code: 'FORBIDDEN', reason: 'lacks cases.read' });
    expect(canReadCases(analyst)).toBeNull();
  });

  it('hides a case outside the member’s scope as if it did not exist', () => {
    expect(canSeeCase(analyst, inScope)).toBeNull();
    expect(canSeeCase(analyst, outOfScope)?.code).toBe('NOT_FOUND');
    expect(canSeeCase(member([]), inScope)?.code).toBe('FORBIDDEN');
  });

  it('lets a member decide a case in scope, and act on accounts only with accounts.act', () => {
    expect(canDecideCase(moderator, inScope, true)).toBeNull();
    expect(canDecideCase(analyst, inScope, false)).toEqual({
      code: 'FORBIDDEN',
      reason: 'lacks cases.decide',
    });
    expect(canDecideCase(moderator, outOfScope, false)?.code).toBe('NOT_FOUND');
    const decider = member(['cases.read', 'cases.decide']);
    expect(canDecideCase(decider, inScope, false)).toBeNull();
    expect(canDecideCase(decider, inScope, true)).toEqual({
      code: 'FORBIDDEN',
      reason: 'lacks accounts.act',
    });
  });

  it('never lets anyone report their own content', () => {
    expect(canReport('a', 'b')).toBeNull();
    expect(canReport('a', 'a')?.code).toBe('CANNOT_REPORT_SELF');
  });
});
