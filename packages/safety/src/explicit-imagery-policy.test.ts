import { describe, expect, it } from 'vitest';
import { loadDefaultPolicy } from './default-policy.js';
import { checkPolicy } from './policy-schema.js';

describe('policy: the explicit-imagery section', () => {
  const base = loadDefaultPolicy();
  const rule = {
    id: 'nudity',
    category: 'sexual.explicit',
    classes: ['Porn', 'Hentai'],
    threshold: 0.8,
    actions: { default: 'review', STRICT_ADULT_CONTENT_LAWS: 'block', FR: 'label' },
  };
  const withRules = (rules: unknown[]) => ({ ...base, explicitImagery: { rules } });

  it("is shipped, and accepts an operator's rules", () => {
    expect(base.explicitImagery?.rules.map((r) => r.category)).toContain('sexual.explicit');
    expect(checkPolicy(withRules([rule]))).toEqual([]);
    expect(checkPolicy(withRules([]))).toEqual([]);
  });

  it('refuses unknown classes, thresholds outside (0, 1], bad categories and actions', () => {
    for (const bad of [
      { ...rule, classes: ['Nude'] },
      { ...rule, classes: [] },
      { ...rule, threshold: 0 },
      { ...rule, threshold: 1.5 },
      { ...rule, category: 'Sexual Explicit' },
      { ...rule, actions: { default: 'delete' } },
      { ...rule, actions: { FR: 'block' } },
      { ...rule, extra: true },
    ])
      expect(checkPolicy(withRules([bad])).length, JSON.stringify(bad)).toBeGreaterThan(0);
  });

  it('refuses duplicate rule ids and region keys that name nothing', () => {
    expect(checkPolicy(withRules([rule, rule]))).toEqual([
      { path: '/explicitImagery/rules/1/id', message: 'duplicate rule id nudity' },
    ]);
    expect(
      checkPolicy(withRules([{ ...rule, actions: { default: 'review', Mars: 'block' } }])),
    ).toEqual([
      {
        path: '/explicitImagery/rules/0/actions/Mars',
        message: 'Mars is neither a region code nor a region group',
      },
    ]);
  });
});
