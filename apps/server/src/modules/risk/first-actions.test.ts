import { describe, expect, it } from 'vitest';
import {
  actionVelocity,
  countLinks,
  createFirstActionMemory,
  type FirstActionFacts,
  firstActionSignals,
  firstNoteLinks,
  repeatedText,
  textKey,
} from './first-actions.js';

const base: FirstActionFacts = {
  action: 'post',
  perMinute: 1,
  firstNote: false,
  links: 0,
  repeats: 0,
};

describe('first-actions signals', () => {
  it('fires on more than 10 writes a minute, growing to 40', () => {
    expect(actionVelocity({ ...base, perMinute: 10 })).toBeNull();
    expect(actionVelocity({ ...base, perMinute: 12 })).toEqual({
      code: 'action_velocity',
      points: 10,
    });
    expect(actionVelocity({ ...base, perMinute: 100 })?.points).toBe(40);
  });

  it('fires on a link in the first note only', () => {
    expect(firstNoteLinks({ ...base, firstNote: true, links: 1 })?.code).toBe('first_note_links');
    expect(firstNoteLinks({ ...base, firstNote: false, links: 1 })).toBeNull();
    expect(firstNoteLinks({ ...base, action: 'comment', firstNote: true, links: 1 })).toBeNull();
  });

  it('fires on repeated text, at most 60', () => {
    expect(repeatedText(base)).toBeNull();
    expect(repeatedText({ ...base, repeats: 2 })?.points).toBe(40);
    expect(repeatedText({ ...base, repeats: 9 })?.points).toBe(60);
  });

  it('counts links and folds templated texts together', () => {
    expect(countLinks('see https://a.example/x and www.shop.example/y, not a.b')).toBe(2);
    expect(textKey('Buy now 1234 at our shop')).toBe(textKey('buy  NOW 5678 at our shop'));
    expect(textKey('thanks!')).toBeNull();
  });

  it('remembers per account: velocity and repeats of the same text', () => {
    const memory = createFirstActionMemory();
    const now = Date.now();
    let facts = memory.facts('a', 'comment', { text: 'great deals at my page 1' }, now);
    expect(facts.repeats).toBe(0);
    facts = memory.facts('a', 'comment', { text: 'Great deals at my page 2' }, now + 1);
    expect(facts.repeats).toBe(1);
    expect(facts.perMinute).toBe(2);
    // another account's text is its own
    expect(memory.facts('b', 'comment', { text: 'great deals at my page 3' }, now).repeats).toBe(0);
    expect(firstActionSignals({ ...base, repeats: 3, perMinute: 20 }).map((s) => s.code)).toEqual([
      'action_velocity',
      'repeated_text',
    ]);
  });
});
