import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadDefaultPolicy, type Policy } from '@atrium/safety';
import { describe, expect, it } from 'vitest';
import {
  countryActions,
  createExplicitChecker,
  explicitFindings,
  type ImageryScores,
} from './explicit-check.js';

const scores = (values: Partial<ImageryScores>): ImageryScores => {
  const base: ImageryScores = { Drawing: 0, Hentai: 0, Neutral: 0, Porn: 0, Sexy: 0 };
  const given = { ...base, ...values };
  const rest = 1 - Object.values(given).reduce((sum, value) => sum + value, 0);
  return { ...given, Neutral: given.Neutral + Math.max(0, rest) };
};

const shipped = loadDefaultPolicy();
const byRule = (findings: ReturnType<typeof explicitFindings>) =>
  Object.fromEntries(findings.map((finding) => [finding.ruleId, finding]));

describe('explicit imagery: from class scores to findings (shipped policy)', () => {
  it('finds nothing in a neutral photograph or a drawing', () => {
    expect(explicitFindings(scores({ Neutral: 0.97 }), shipped)).toEqual([]);
    expect(explicitFindings(scores({ Drawing: 0.9, Hentai: 0.05 }), shipped)).toEqual([]);
  });

  it('holds explicit imagery for review everywhere below near-certainty, and says why', () => {
    const findings = byRule(explicitFindings(scores({ Porn: 0.85, Sexy: 0.1 }), shipped, 12));
    expect(Object.keys(findings).sort()).toEqual(['imagery.explicit', 'imagery.suggestive']);
    const explicit = findings['imagery.explicit']!;
    expect(explicit).toMatchObject({
      checker: 'explicit',
      category: 'sexual.explicit',
      action: 'review',
      score: 0.85,
      atSecond: 12,
    });
    expect(explicit.regionActions).toBeUndefined();
    expect(explicit.detail).toMatchObject({
      policyVersion: shipped.version,
      classes: { Porn: 0.85, Sexy: 0.1, Hentai: 0, Drawing: 0, Neutral: 0.05 },
      summed: ['Porn', 'Hentai'],
      threshold: 0.8,
    });
    expect(JSON.parse(JSON.stringify(explicit.detail))).toEqual(explicit.detail);
  });

  it('blocks near-certain explicit imagery only where pornography is an offence', () => {
    const findings = byRule(explicitFindings(scores({ Porn: 0.6, Hentai: 0.37 }), shipped));
    const certain = findings['imagery.explicit.certain']!;
    expect(certain.category).toBe('sexual.explicit');
    expect(certain.action).toBe('review');
    expect(certain.score).toBe(0.97);
    expect(certain.regionActions).toMatchObject({ CN: 'block', SA: 'block', ID: 'block' });
    expect(certain.regionActions?.US).toBeUndefined();
    expect(Object.values(certain.regionActions!).every((action) => action === 'block')).toBe(true);
  });

  it('limits suggestive imagery and withholds it where the law is strict', () => {
    const findings = explicitFindings(scores({ Sexy: 0.82 }), shipped);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'imagery.suggestive',
      category: 'sexual.suggestive',
      action: 'limit',
      regionActions: expect.objectContaining({ AE: 'withhold', MY: 'withhold' }),
      detail: expect.objectContaining({ label: 'Suggestive image' }),
    });
  });

  it('fires at the threshold and not just below it', () => {
    expect(explicitFindings(scores({ Sexy: 0.8 }), shipped)).toHaveLength(1);
    expect(explicitFindings(scores({ Sexy: 0.7999 }), shipped)).toEqual([]);
    // The classes of a rule add up: unsure between suggestive and explicit is still sexual.
    expect(
      explicitFindings(scores({ Sexy: 0.45, Porn: 0.4 }), shipped).map((f) => f.ruleId),
    ).toEqual(['imagery.suggestive']);
  });
});

describe("explicit imagery: the operator's rules", () => {
  const policy: Policy = {
    ...shipped,
    regionGroups: { ...shipped.regionGroups, GULF: ['AE', 'SA', 'QA'], NORDIC: ['SE', 'NO'] },
    explicitImagery: {
      rules: [
        {
          id: 'nudity',
          category: 'sexual.explicit',
          classes: ['Porn'],
          threshold: 0.5,
          actions: { default: 'label', GULF: 'block', NORDIC: 'allow', SA: 'review', DE: 'limit' },
        },
      ],
    },
  };

  it('replace the shipped rules, with per-country actions from codes and groups', () => {
    const findings = explicitFindings(scores({ Porn: 0.55, Sexy: 0.4 }), policy);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'nudity', action: 'label', score: 0.55 });
    // A country named directly wins over its group (SA), as in the text policy.
    expect(findings[0]!.regionActions).toEqual({
      AE: 'block',
      DE: 'limit',
      NO: 'allow',
      QA: 'block',
      SA: 'review',
      SE: 'allow',
    });
  });

  it('take the strictest of two groups for a country in both', () => {
    expect(
      countryActions(
        { default: 'label', A1: 'withhold', B1: 'block' },
        { A1: ['FR', 'DE'], B1: ['DE'] },
      ),
    ).toEqual({ DE: 'block', FR: 'withhold' });
    expect(countryActions({ default: 'review', FR: 'review' }, {})).toEqual({});
  });

  it('come from the policy in force at each check', async () => {
    let current: Policy = shipped;
    const checker = createExplicitChecker({
      policy: () => current,
      classifier: { classify: async () => scores({ Porn: 0.6 }) },
    });
    expect(checker.name).toBe('explicit');
    const input = { bytes: Buffer.alloc(0), width: 1, height: 1, ownerId: 'a' };
    expect(await checker.check(input)).toEqual([]);
    current = policy;
    expect((await checker.check(input)).map((finding) => finding.ruleId)).toEqual(['nudity']);
  });
});

describe('explicit imagery: the model stays out of processes that do not check', () => {
  it('is not loaded by importing the checker or creating one', async () => {
    // A fresh process: this file's own process may share a worker with the model's tests.
    const checker = fileURLToPath(new URL('./explicit-check.ts', import.meta.url));
    const script = `const m = await import(${JSON.stringify(checker)}); m.createExplicitChecker();
      console.log(JSON.stringify({ tensorflow: '_tfengine' in globalThis }));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--conditions', 'source', '--input-type=module', '-e', script],
      { cwd: fileURLToPath(new URL('../../../../..', import.meta.url)) },
    );
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ tensorflow: false });
  });
});
