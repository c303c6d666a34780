import { loadDefaultPolicy } from '@atrium/safety';
import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from './policy.service.js';
import { policyMatcher, sharedMatcher } from './policy-lexicon.js';

// The lexicon section of a policy: validation, and the matcher compiled for it.

const base = () => loadDefaultPolicy();

function problemsOf(lexicon: unknown): string[] {
  try {
    parsePolicyDocument({ ...base(), version: '2030.1.0', lexicon }, '2030.1.0');
  } catch (error) {
    return (
      (error as { extra?: { problems: { path: string }[] } }).extra?.problems.map(
        (problem) => problem.path,
      ) ?? ['(no problems listed)']
    );
  }
  return [];
}

describe('the lexicon section of a policy', () => {
  it('refuses overrides of terms that are not shipped, overrides that change nothing, and unknown fields', () => {
    expect(
      problemsOf({ overrides: [{ term: 'not shipped', category: 'drugs', off: true }] }),
    ).toEqual(['/document/lexicon/overrides/0/term']);
    expect(problemsOf({ overrides: [{ term: 'fentanyl', category: 'drugs' }] })).toEqual([
      '/document/lexicon/overrides/0',
    ]);
    expect(problemsOf({ entries: [{ term: ' ', category: 'drugs' }] }).length).toBeGreaterThan(0);
    expect(problemsOf({ entries: [], extra: 1 }).length).toBeGreaterThan(0);
    expect(
      problemsOf({ overrides: [{ term: 'fentanyl', category: 'drugs', match: 'word' }] }),
    ).toEqual([]);
  });

  it('compiles the shipped lexicon with overrides and entries applied, once per section', () => {
    const text = 'we played in the skunk works garage, then bought a blorbtastic widget';
    expect(
      sharedMatcher()
        .scan(text)
        .map((match) => match.term),
    ).toContain('skunk');
    const lexicon = {
      overrides: [{ term: 'skunk', category: 'drugs' as const, off: true }],
      entries: [{ term: 'blorbtastic', category: 'spam' as const }],
    };
    const matcher = policyMatcher(lexicon);
    expect(matcher.scan(text).map((match) => match.term)).toEqual(['blorbtastic']);
    expect(policyMatcher(JSON.parse(JSON.stringify(lexicon)))).toBe(matcher);
    expect(policyMatcher(undefined)).toBe(sharedMatcher());
    expect(policyMatcher({})).toBe(sharedMatcher());
  });
});
