import type { CaseDecisionBody, StaffPermission, StaffRole } from '@atrium/contracts';
import { describe, expect, it } from 'vitest';
import {
  canDecideAppeal,
  canDecideCase,
  canLiftSanction,
  canReadCases,
  canReport,
  canReview,
  canSanction,
  canSeeCase,
} from './moderation.policy.js';
import type { StaffMember } from './staff-directory.js';

/** A member granted `permissions`, covering content in Portuguese or unknown languages only. */
function member(permissions: StaffPermission[], role: StaffRole = 'moderator'): StaffMember {
  return {
    accountId: 'moderator',
    role,
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

  it('keeps everyone off their own cause: subject, reporter, author of the decision appealed', () => {
    const involvement = { subjectId: 'author', reporterIds: ['r1', 'r2'], appealedActorId: 'm1' };
    expect(canReview('author', involvement)?.code).toBe('SELF_REVIEW');
    expect(canReview('r2', involvement)?.code).toBe('SELF_REVIEW');
    expect(canReview('m1', involvement)?.code).toBe('SELF_REVIEW');
    expect(canReview('m2', involvement)).toBeNull();
  });

  it('lets only an administrator act on the account of staff of an equal or higher role', () => {
    const moderator = member(['accounts.act']);
    expect(canSanction(moderator, null)).toBeNull();
    expect(canSanction(moderator, { role: 'analyst' })).toBeNull();
    expect(canSanction(moderator, { role: 'moderator' })?.code).toBe('FORBIDDEN');
    expect(canSanction(moderator, { role: 'admin' })?.code).toBe('FORBIDDEN');
    expect(canSanction(member(['accounts.act'], 'admin'), { role: 'admin' })).toBeNull();
    expect(canLiftSanction(moderator)?.code).toBe('FORBIDDEN');
    expect(canLiftSanction(member(['accounts.lift'], 'admin'))).toBeNull();
  });

  it('lets an appeal uphold or soften the decision appealed, never worsen it', () => {
    const body = (extra: Partial<CaseDecisionBody>): CaseDecisionBody => ({
      decision: 'approve',
      reasonCode: 'appeal.review',
      ...extra,
    });
    const label = { action: 'label', withheldIn: [], until: null };
    expect(canDecideAppeal('note', label, body({}))).toBeNull();
    expect(canDecideAppeal('note', label, body({ decision: 'label' }))).toBeNull();
    expect(canDecideAppeal('note', label, body({ decision: 'remove' }))?.code).toBe(
      'APPEAL_CANNOT_WORSEN',
    );
    const removal = { action: 'remove', withheldIn: [], until: null };
    expect(canDecideAppeal('note', removal, body({ decision: 'remove' }))).toBeNull();
    expect(canDecideAppeal('note', removal, body({ accountAction: { type: 'warn' } }))?.code).toBe(
      'APPEAL_CANNOT_WORSEN',
    );
    const withheld = { action: 'withhold', withheldIn: ['CN'], until: null };
    expect(
      canDecideAppeal('note', withheld, body({ decision: 'withhold', regions: ['CN'] })),
    ).toBeNull();
    expect(
      canDecideAppeal('note', withheld, body({ decision: 'withhold', regions: ['CN', 'US'] }))
        ?.code,
    ).toBe('APPEAL_CANNOT_WORSEN');
    const now = Date.UTC(2026, 0, 1);
    const suspension = { action: 'suspend', withheldIn: [], until: new Date(now + 7 * 86_400_000) };
    const suspend = (days: number) => body({ accountAction: { type: 'suspend', days } });
    expect(canDecideAppeal('account', suspension, body({}), now)).toBeNull();
    expect(canDecideAppeal('account', suspension, suspend(3), now)).toBeNull();
    expect(canDecideAppeal('account', suspension, suspend(30), now)?.code).toBe(
      'APPEAL_CANNOT_WORSEN',
    );
    expect(
      canDecideAppeal('account', suspension, body({ accountAction: { type: 'ban' } }), now)?.code,
    ).toBe('APPEAL_CANNOT_WORSEN');
  });
});
