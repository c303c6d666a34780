import { describe, expect, it } from 'vitest';
import { loadDefaultPolicy } from './default-policy.js';
import { actionForRegion, actionRank, decide } from './policy.js';
import { checkPolicy, PolicyError, validatePolicy } from './policy-schema.js';
import type { Match, Policy } from './types.js';

function match(
  term: string,
  category: Match['category'],
  severity: Match['severity'],
  start = 0,
): Match {
  return { term, category, severity, start, end: start + term.length };
}

const policy = loadDefaultPolicy();

describe('policy schema', () => {
  it('accepts the shipped policy', () => {
    expect(checkPolicy(policy)).toEqual([]);
    expect(policy.version).toMatch(/^\d{4}\.\d+\.\d+$/);
  });

  it('orders actions from allow to block', () => {
    expect(
      ['allow', 'label', 'limit', 'withhold', 'review', 'block'].map((a) => actionRank(a as never)),
    ).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('rejects an unknown action with POLICY_INVALID and the path', () => {
    const bad = structuredClone(policy) as unknown as {
      rules: { actions: Record<string, string> }[];
    };
    bad.rules[0]!.actions.default = 'delete';
    try {
      validatePolicy(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyError);
      expect((error as PolicyError).code).toBe('POLICY_INVALID');
      expect(
        (error as PolicyError).problems.some((p) => p.path.startsWith('/rules/0/actions')),
      ).toBe(true);
    }
  });

  it('rejects unknown categories, missing defaults, extra fields and bad region codes', () => {
    const base: Policy = { version: '1', regionGroups: {}, defaultAction: 'allow', rules: [] };
    expect(checkPolicy(base)).toEqual([]);
    const rule = { id: 'r', when: { category: 'drugs' }, actions: { default: 'label' } };
    expect(
      checkPolicy({ ...base, rules: [{ ...rule, when: { category: 'weapons' } }] }),
    ).not.toEqual([]);
    expect(checkPolicy({ ...base, rules: [{ ...rule, actions: { CN: 'block' } }] })).not.toEqual(
      [],
    );
    expect(checkPolicy({ ...base, extra: true })).not.toEqual([]);
    expect(checkPolicy({ ...base, regionGroups: { EU: ['germany'] } })).not.toEqual([]);
    expect(
      checkPolicy({ ...base, rules: [{ ...rule, actions: { default: 'label', Mars: 'block' } }] }),
    ).not.toEqual([]);
  });

  it('rejects duplicate rule ids and region keys that are neither codes nor groups', () => {
    const rule = {
      id: 'r',
      when: { category: 'drugs' as const },
      actions: { default: 'label' as const },
    };
    const problems = checkPolicy({
      version: '1',
      regionGroups: {},
      defaultAction: 'allow',
      rules: [rule, { ...rule, actions: { default: 'label', NORDICS: 'block' } }],
    });
    expect(problems.map((p) => p.message)).toEqual([
      'duplicate rule id r',
      'NORDICS is neither a region code nor a region group',
    ]);
  });
});

describe('policy trust section', () => {
  it('accepts per-level limit overrides, null lifting a limit', () => {
    const policy = {
      ...loadDefaultPolicy(),
      trust: { limits: { '0': { notesPerHour: 2, linksPerNote: null }, '3': {} } },
    };
    expect(checkPolicy(policy)).toEqual([]);
  });

  it('refuses unknown limits and levels, negative and fractional values', () => {
    const base = loadDefaultPolicy();
    for (const limits of [
      { '0': { postsPerMinute: 2 } },
      { '4': { notesPerHour: 2 } },
      { '0': { notesPerHour: -1 } },
      { '1': { followsPerHour: 1.5 } },
    ]) {
      const problems = checkPolicy({ ...base, trust: { limits } });
      expect(problems.length).toBeGreaterThan(0);
      expect(problems[0]!.path.startsWith('/trust/limits')).toBe(true);
    }
  });
});

describe('decide with the shipped policy', () => {
  it('allows content without evidence (allow)', () => {
    const decision = decide({ matches: [] }, policy);
    expect(decision).toEqual({
      policyVersion: policy.version,
      action: 'allow',
      regions: {},
      withheldIn: [],
      labels: [],
      fired: [],
    });
  });

  it('labels profanity (label)', () => {
    const decision = decide({ matches: [match('shit', 'harassment', 'medium')] }, policy);
    expect(decision.action).toBe('label');
    expect(decision.labels).toEqual(['Strong language']);
    expect(decision.regions.DE).toBe('limit');
  });

  it('limits spam (limit)', () => {
    expect(decide({ matches: [match('f4f', 'spam', 'low')] }, policy).action).toBe('limit');
  });

  it('withholds cannabis in CN while labelling it in US and CA (withhold)', () => {
    const decision = decide({ matches: [match('大麻', 'drugs', 'medium', 4)] }, policy);
    expect(decision.action).toBe('limit');
    expect(decision.regions).toMatchObject({
      CN: 'withhold',
      US: 'label',
      CA: 'label',
      STRICT_DRUG_LAWS: 'withhold',
    });
    expect(decision.withheldIn).toContain('CN');
    expect(decision.withheldIn).not.toContain('US');
    expect(decision.labels).toEqual(['Mentions cannabis']);
    expect(decision.fired).toEqual([
      {
        ruleId: 'drugs.cannabis',
        category: 'drugs',
        severity: 'medium',
        actions: policy.rules[0]!.actions,
        evidence: { kind: 'match', term: '大麻', start: 4, end: 6 },
      },
    ]);
    expect(actionForRegion(decision, policy, 'CN')).toBe('withhold');
    expect(actionForRegion(decision, policy, 'SG')).toBe('withhold'); // through STRICT_DRUG_LAWS
    expect(actionForRegion(decision, policy, 'US')).toBe('label');
    expect(actionForRegion(decision, policy, 'FR')).toBe('limit');
  });

  it('labels gambling in EU countries through the EU group and withholds it in CN', () => {
    const decision = decide({ matches: [match('online casino', 'gambling', 'medium')] }, policy);
    expect(decision.action).toBe('limit');
    expect(decision.regions.EU).toBe('label');
    expect(actionForRegion(decision, policy, 'FR')).toBe('label');
    expect(actionForRegion(decision, policy, 'BR')).toBe('limit');
    expect(decision.withheldIn).toEqual(['AE', 'CN', 'KR', 'SG']);
  });

  it('sends fraud to review (review)', () => {
    const decision = decide({ matches: [match('加V', 'fraud', 'medium')] }, policy);
    expect(decision.action).toBe('review');
    expect(decision.fired[0]?.ruleId).toBe('fraud');
  });

  it('blocks adult services everywhere (block)', () => {
    const decision = decide(
      { matches: [match('escort service', 'adult_services', 'high')] },
      policy,
    );
    expect(decision.action).toBe('block');
    expect(decision.withheldIn).toEqual([]);
  });

  it('takes the strictest action per region over every rule that fired', () => {
    const decision = decide(
      { matches: [match('weed', 'drugs', 'medium'), match('shit', 'harassment', 'medium', 10)] },
      policy,
    );
    expect(decision.action).toBe('limit');
    expect(decision.regions.US).toBe('label');
    expect(decision.regions.DE).toBe('limit');
    expect(decision.fired.map((f) => f.ruleId)).toEqual(['drugs.cannabis', 'harassment.profanity']);
  });

  it('fires rules from labels given by classifiers or people, with optional severity', () => {
    const decision = decide({ matches: [], labels: ['drugs:high', 'not-a-category'] }, policy);
    expect(decision.action).toBe('review');
    expect(decision.regions.CN).toBe('block');
    expect(decision.fired).toEqual([
      expect.objectContaining({
        ruleId: 'drugs.hard',
        severity: 'high',
        evidence: { kind: 'label', label: 'drugs:high' },
      }),
    ]);
  });

  it('resolves region groups: a country takes its group action unless it is named itself', () => {
    const custom = validatePolicy({
      version: 'test',
      regionGroups: { EU: ['DE', 'FR'] },
      defaultAction: 'allow',
      rules: [
        {
          id: 'g',
          when: { category: 'gambling' },
          actions: { default: 'label', EU: 'withhold', FR: 'label' },
        },
      ],
    });
    const decision = decide({ matches: [match('casino', 'gambling', 'medium')] }, custom);
    expect(decision.withheldIn).toEqual(['EU']);
    expect(actionForRegion(decision, custom, 'DE')).toBe('withhold');
    expect(actionForRegion(decision, custom, 'FR')).toBe('label');
    expect(actionForRegion(decision, custom, 'JP')).toBe('label');
  });

  describe('heavyFold: matches reached through heavy folds weigh less', () => {
    const weighed: Policy = {
      version: '1',
      regionGroups: { EU: ['DE', 'FR'] },
      defaultAction: 'allow',
      rules: [
        {
          id: 'drugs-block',
          when: { category: 'drugs' },
          actions: { default: 'block', EU: 'block', JP: 'withhold' },
          heavyFold: 'review',
        },
        { id: 'hate-block', when: { category: 'hate' }, actions: { default: 'block' } },
      ],
    };
    const folded = (via: Match['via'], category: Match['category'] = 'drugs'): Match => ({
      ...match('cocaine', category, 'high'),
      via,
    });

    it('validates the field and refuses an unknown action', () => {
      expect(checkPolicy(weighed)).toEqual([]);
      const bad = structuredClone(weighed);
      (bad.rules[0] as { heavyFold: string }).heavyFold = 'shrug';
      expect(checkPolicy(bad).some((p) => p.path === '/rules/0/heavyFold')).toBe(true);
    });

    it('keeps the rule for an exact or lightly folded match', () => {
      expect(decide({ matches: [folded([])] }, weighed).action).toBe('block');
      expect(decide({ matches: [folded(['case', 'separators'])] }, weighed).action).toBe('block');
      expect(decide({ matches: [match('cocaine', 'drugs', 'high')] }, weighed).action).toBe(
        'block',
      );
    });

    it('caps every action of the rule for a heavily folded match', () => {
      const decision = decide({ matches: [folded(['leet'])] }, weighed);
      expect(decision.action).toBe('review');
      expect(decision.regions).toEqual({ EU: 'review', JP: 'withhold' });
      expect(decision.fired[0]!.actions).toEqual({
        default: 'review',
        EU: 'review',
        JP: 'withhold',
      });
      expect(decision.fired[0]!.evidence).toMatchObject({ kind: 'match', via: ['leet'] });
      for (const via of [['homoglyph'], ['pinyin'], ['homophone']] as const)
        expect(decide({ matches: [folded([...via])] }, weighed).action).toBe('review');
    });

    it('leaves rules without heavyFold and exact matches alongside at full weight', () => {
      expect(decide({ matches: [folded(['leet'], 'hate')] }, weighed).action).toBe('block');
      expect(decide({ matches: [folded(['leet']), folded([])] }, weighed).action).toBe('block');
    });
  });
});
