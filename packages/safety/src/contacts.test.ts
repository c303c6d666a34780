import { describe, expect, it } from 'vitest';
import {
  CONTACT_ID_TERM,
  CONTACT_LINK_TERM,
  isNationalNumber,
  isPhoneNumber,
  PHONE_TERM,
} from './contacts.js';
import { compileLexicon } from './matcher.js';

const matcher = compileLexicon([{ term: 'cocaine', category: 'drugs' }]);

function found(text: string): string[] {
  return matcher.scan(text).map((m) => `${m.term}=${text.slice(m.start, m.end)}`);
}

describe('phone numbers', () => {
  it.each([
    ['call 138OO138OOO now', '138OO138OOO'],
    ['微信 138 OOl3 8OOO', '138 OOl3 8OOO'],
    ['tel 138-OO13-8OOO', '138-OO13-8OOO'],
  ])('reads letters standing for digits inside a digit run: %s', (text, span) => {
    expect(found(text)).toContain(`${PHONE_TERM}=${span}`);
  });

  it.each([
    ['call (212) 555-0147', '(212) 555-0147'],
    ['text 212-555-0147', '212-555-0147'],
    ['appelle au 06 45 12 78 33', '06 45 12 78 33'],
    ['0612345678 stp', '0612345678'],
    ['전화 010-1234-5678', '010-1234-5678'],
    ['01012345678로', '01012345678'],
    ['連絡は090-1234-5678まで', '090-1234-5678'],
    ['ring 07700 900123', '07700 900123'],
    ['liga (11) 91234-5678', '(11) 91234-5678'],
    ['0176 12345678 anrufen', '0176 12345678'],
  ])('finds national formats: %s', (text, span) => {
    expect(found(text)).toContain(`${PHONE_TERM}=${span}`);
  });

  it.each([
    'on 2024-01-01 12:30 we met',
    'a budget of 600 000 000 won',
    'population 1.234.567.890',
    'order 2024010112 shipped',
    'ISBN 978-3-16-148410-0',
    'invoice 1234567890',
    'in 1990 and 2005 and 2010',
    'Office 1O1 on the left',
    'room 10O1 on floor 3',
    'the COOL 2000 Olympics',
    'numbers 0 1 2 3 4 5 6 7 8 9',
    'winning numbers 07 12 23 34 45',
  ])('leaves other numbers alone: %s', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('keeps the rules for numbers with a plus and Chinese mobiles', () => {
    expect(isPhoneNumber('13812345678', false)).toBe(true);
    expect(isPhoneNumber('4420794609', true)).toBe(true);
    expect(isPhoneNumber('2125550147', false)).toBe(false); // ungrouped: could be anything
    expect(isNationalNumber('2125550147', [3, 3, 4])).toBe(true);
    expect(isNationalNumber('2125550147', [10])).toBe(false);
    expect(isNationalNumber('01012345678', [11])).toBe(true);
    expect(isNationalNumber('600000000', [3, 3, 3])).toBe(false);
  });
});

describe('messenger IDs and links', () => {
  it.each([
    ['LINE: abc123', 'abc123'],
    ['line id abc_77', 'abc_77'],
    ['LINE ID：pretty_girl9', 'pretty_girl9'],
    ['카톡 abc_123', 'abc_123'],
    ['카카오톡 아이디 sweet_77', 'sweet_77'],
    ['telegram @dealer_x', 'dealer_x'],
    ['Telegram: plugmaster', 'plugmaster'],
    ['kakao abcd12', 'abcd12'],
    ['wechat abc_999', 'abc_999'],
    ['whatsapp: juan_88', 'juan_88'],
  ])('finds the ID after a messenger name: %s', (text, id) => {
    expect(found(text)).toContain(`${CONTACT_ID_TERM}=${id}`);
  });

  it.each([
    'the bottom line: money talks',
    'stand in line 12345 times',
    'I use telegram every day',
    'my line of work is design',
    'online classes at 10',
  ])('does not read words after a messenger name as an ID: %s', (text) => {
    expect(found(text)).toEqual([]);
  });

  it.each([
    ['t . me / dealer', 't . me / dealer'],
    ['go to t.me/x_y now', 't.me/x_y'],
    ['wa . me/15551234567', 'wa . me/15551234567'],
    ['t dot me/plug', 't dot me/plug'],
    ['line.me/ti/p/abc', 'line.me/ti'],
  ])('finds messenger links written apart: %s', (text, span) => {
    expect(found(text)).toContain(`${CONTACT_LINK_TERM}=${span}`);
  });

  it.each(['art.me / design', 'at me / you', 'what me/you'])(
    'leaves look-alike text alone: %s',
    (text) => {
      expect(found(text)).toEqual([]);
    },
  );

  it('can be left out with the contacts option', () => {
    const plain = compileLexicon([{ term: 'cocaine', category: 'drugs' }], { contacts: false });
    expect(plain.scan('LINE: abc123 t . me / x 138OO138OOO (212) 555-0147')).toEqual([]);
  });
});
