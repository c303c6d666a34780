import { describe, expect, it } from 'vitest';
import {
  actionVelocity,
  contactChannel,
  countLinks,
  createFirstActionMemory,
  type FirstActionFacts,
  firstActionScore,
  firstActionSignals,
  firstNoteLinks,
  foreignerWriting,
  repeatedText,
  sharedPitch,
  solicitation,
  textKey,
} from './first-actions.js';

const base: FirstActionFacts = {
  action: 'post',
  perMinute: 1,
  firstNote: false,
  links: 0,
  repeats: 0,
  contact: false,
  solicits: false,
  otherAuthors: 0,
  earlierContent: 0,
  costumePoints: 0,
  writesLikeEvidence: false,
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

  it('scores a contact channel and a solicitation', () => {
    expect(contactChannel({ ...base, contact: true })).toEqual({
      code: 'contact_channel',
      points: 30,
    });
    expect(solicitation({ ...base, solicits: true })?.points).toBe(20);
    expect(contactChannel(base)).toBeNull();
    expect(solicitation(base)).toBeNull();
  });

  it('scores a pitch from several accounts, not a greeting many write alike', () => {
    expect(sharedPitch({ ...base, solicits: true, otherAuthors: 2 })?.code).toBe('shared_pitch');
    expect(sharedPitch({ ...base, links: 1, otherAuthors: 5 })?.points).toBe(40);
    expect(sharedPitch({ ...base, solicits: true, otherAuthors: 1 })).toBeNull();
    expect(sharedPitch({ ...base, otherAuthors: 40 })).toBeNull();
  });

  it('adds up content over the hour, but not velocity', () => {
    const pitch = { ...base, contact: true, earlierContent: 50 };
    expect(firstActionScore(pitch, firstActionSignals(pitch))).toBe(80);
    const likes = { ...base, action: 'like' as const, perMinute: 12, earlierContent: 50 };
    expect(firstActionScore(likes, firstActionSignals(likes))).toBe(10);
  });

  it("remembers the authors of a text and an account's content points", () => {
    const memory = createFirstActionMemory();
    const now = Date.now();
    const text = 'Fresh bags from the factory, wholesale prices, DM me 24/7';
    expect(memory.facts('p1', 'post', { text }, now)).toMatchObject({
      solicits: true,
      otherAuthors: 0,
    });
    memory.facts('p2', 'post', { text: text.replace('24/7', 'now') }, now);
    // the same account again does not count as another author
    memory.facts('p2', 'post', { text }, now);
    const third = memory.facts('p3', 'post', { text }, now);
    expect(third.otherAuthors).toBe(2);
    expect(third.earlierContent).toBe(0);
    memory.record('p3', 50, now);
    expect(
      memory.facts('p3', 'post', { text: 'hello there friends' }, now + 1).earlierContent,
    ).toBe(50);
    expect(
      memory.facts('p4', 'post', { text: 'WhatsApp +62 812 3456 7890 for orders' }, now).contact,
    ).toBe(true);
  });

  it('confirms a costume when the writing sides with the evidence: door points plus 30', () => {
    expect(foreignerWriting({ ...base, costumePoints: 35, writesLikeEvidence: true })).toEqual({
      code: 'foreigner_writing',
      points: 65,
    });
    expect(foreignerWriting({ ...base, costumePoints: 20, writesLikeEvidence: true })?.points).toBe(
      50,
    );
    // no costume at the door, or writing that says nothing: nothing
    expect(foreignerWriting({ ...base, costumePoints: 0, writesLikeEvidence: true })).toBeNull();
    expect(foreignerWriting({ ...base, costumePoints: 35, writesLikeEvidence: false })).toBeNull();
  });

  it('judges a note against the costume the door kept', () => {
    const memory = createFirstActionMemory();
    const costume = { evidence: 'CN', claimed: ['GB'], points: 35 };
    const leaked = memory.facts('a', 'post', {
      text: 'Cuppa and cat tax. Learning to say hello 家人们点点关注',
      costume,
    });
    expect(leaked.writesLikeEvidence).toBe(true);
    expect(firstActionSignals(leaked).map((s) => s.code)).toContain('foreigner_writing');
    // the same note from an account without a costume
    expect(
      memory.facts('b', 'post', { text: 'Hello 家人们点点关注', costume: null }),
    ).toMatchObject({
      costumePoints: 0,
      writesLikeEvidence: false,
    });
    // English only: nothing to judge
    expect(
      memory.facts('c', 'post', { text: 'Day two here, Luna says hi', costume }),
    ).toMatchObject({
      writesLikeEvidence: false,
    });
  });
});
