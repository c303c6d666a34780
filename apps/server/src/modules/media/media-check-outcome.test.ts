import { describe, expect, it } from 'vitest';
import type { MediaFinding } from './media-check.js';
import {
  combineFindings,
  noteCheckState,
  noteEffect,
  PASSED_OUTCOME,
} from './media-check-outcome.js';

const finding = (overrides: Partial<MediaFinding>): MediaFinding => ({
  checker: 'ocr',
  category: 'spam.contact_lure',
  action: 'allow',
  score: 1,
  detail: {},
  ...overrides,
});

describe('combining the findings of an image', () => {
  it('passes an image where nothing restricts', () => {
    const { state, outcome } = combineFindings([finding({ action: 'allow' })], []);
    expect(state).toBe('passed');
    expect(outcome).toEqual(PASSED_OUTCOME);
  });

  it('keeps the strictest action, and per country the stricter ones (groups expanded)', () => {
    const { state, outcome } = combineFindings(
      [
        finding({ action: 'label', category: 'a', detail: { label: 'Sensitive' } }),
        finding({ action: 'limit', category: 'b', regionActions: { EU: 'withhold', US: 'label' } }),
        finding({ action: 'allow', category: 'c', regionActions: { DE: 'block' } }),
      ],
      [],
      { EU: ['DE', 'FR'] },
    );
    expect(state).toBe('flagged');
    expect(outcome).toEqual({
      action: 'limit',
      // US's label is looser than the global limit: dropped
      regionActions: { DE: 'block', FR: 'withhold' },
      categories: ['b', 'a', 'c'],
      labels: ['Sensitive'],
      failures: [],
    });
  });

  it('sends an image a checker could not look at to review', () => {
    const { state, outcome } = combineFindings(
      [finding({ action: 'label' })],
      [{ checker: 'explicit', reason: 'timeout' }],
    );
    expect(state).toBe('failed');
    expect(outcome.action).toBe('review');
    expect(outcome.categories[0]).toBe('media.check_failed');
  });
});

describe("what a note's images do to it", () => {
  const outcome = (overrides: Partial<typeof PASSED_OUTCOME>) => ({
    ...PASSED_OUTCOME,
    ...overrides,
  });

  it('blocks when one image is blocked, whatever the others', () => {
    expect(
      noteEffect([
        outcome({ action: 'label', labels: ['x'] }),
        outcome({ action: 'block', categories: ['sexual.explicit'] }),
      ]),
    ).toEqual({ kind: 'block', category: 'sexual.explicit' });
  });

  it('holds for review before any visible restriction', () => {
    expect(
      noteEffect([
        outcome({ action: 'withhold' }),
        outcome({ action: 'review', categories: ['r'] }),
      ]),
    ).toEqual({ kind: 'review', category: 'r' });
  });

  it('withholds in a country where an image is blocked or held, and nowhere else', () => {
    expect(
      noteEffect([outcome({ regionActions: { DE: 'block', JP: 'review', US: 'limit' } })]),
    ).toEqual({
      kind: 'restrict',
      state: {
        moderation_action: 'allow',
        region_actions: { DE: 'withhold', JP: 'withhold', US: 'limit' },
        labels: [],
      },
    });
  });

  it('passes when no image restricts anything', () => {
    expect(noteEffect([PASSED_OUTCOME, PASSED_OUTCOME])).toEqual({ kind: 'pass' });
    expect(noteEffect([])).toEqual({ kind: 'pass' });
  });

  it('tells where the checks of its images stand', () => {
    expect(noteCheckState([{ check_state: 'passed' }, { check_state: 'pending' }])).toBe('pending');
    expect(noteCheckState([{ check_state: 'flagged' }, { check_state: 'failed' }])).toBe('failed');
    expect(noteCheckState([{ check_state: 'passed' }, { check_state: 'flagged' }])).toBe('flagged');
    expect(noteCheckState([])).toBe('passed');
  });
});
