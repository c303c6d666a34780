import { describe, expect, it } from 'vitest';
import {
  hasContactChannel,
  hasMessengerHandle,
  hasPhoneNumber,
  hasSolicitation,
} from './solicitation.js';

// Texts written for these tests, spam and ordinary posts alike, in several languages.

describe('phone numbers', () => {
  it('finds numbers written with an international prefix or in full', () => {
    expect(hasPhoneNumber('Call now: +44 7911 123456')).toBe(true);
    expect(hasPhoneNumber('orders 0062 812-3456-7890')).toBe(true);
    expect(hasPhoneNumber('ring (212) 555-0147 ext 3')).toBe(true);
    expect(hasPhoneNumber('電話 090-1234-5678 まで')).toBe(true);
    expect(hasPhoneNumber('+1 415 555 01')).toBe(true);
  });

  it('leaves dates, years, prices and counts alone', () => {
    expect(hasPhoneNumber('Moved here on 2025-01-14, loving it')).toBe(false);
    expect(hasPhoneNumber('Rent is 1200 a month, 3 rooms')).toBe(false);
    expect(hasPhoneNumber('The 2024 season had 162 games')).toBe(false);
    expect(hasPhoneNumber('¥ 35,000 for the whole trip')).toBe(false);
  });
});

describe('messenger handles', () => {
  it('finds an app with a handle, a number or a chat link', () => {
    expect(hasMessengerHandle('Questions? Telegram @quickloans_desk')).toBe(true);
    expect(hasMessengerHandle('add me on wechat: kitty_mom88')).toBe(true);
    expect(hasMessengerHandle('微信：tangtang520')).toBe(true);
    expect(hasMessengerHandle('Kakao ID: sunny77 for bookings')).toBe(true);
    expect(hasMessengerHandle('WhatsApp 0812 7788 990')).toBe(true);
    expect(hasMessengerHandle('orders via wa.me/6281234567')).toBe(true);
  });

  it('does not take the ordinary words for apps', () => {
    expect(hasMessengerHandle('We waited in line forever for the dumplings')).toBe(false);
    expect(hasMessengerHandle('No signal in the mountains, back on Monday')).toBe(false);
    expect(hasMessengerHandle('I use WhatsApp to talk to my mum')).toBe(false);
  });

  it('counts either as a contact channel', () => {
    expect(hasContactChannel('Line: bakery_osaka')).toBe(true);
    expect(hasContactChannel('call +33 6 12 34 56 78')).toBe(true);
    expect(hasContactChannel('My cat sleeps all day')).toBe(false);
  });
});

describe('solicitation phrases', () => {
  it('finds "DM me" and "link in bio" in several languages', () => {
    expect(hasSolicitation('Serious buyers only, DM me')).toBe(true);
    expect(hasSolicitation('prices? dms open 24/7')).toBe(true);
    expect(hasSolicitation('Full guide: link in my bio')).toBe(true);
    expect(hasSolicitation('Escríbeme para más información')).toBe(true);
    expect(hasSolicitation('Cupos limitados, link en bio')).toBe(true);
    expect(hasSolicitation('me chama no direct')).toBe(true);
    expect(hasSolicitation('tout est expliqué, lien dans ma bio')).toBe(true);
    expect(hasSolicitation('想要的私信我')).toBe(true);
    expect(hasSolicitation('详情看主页')).toBe(true);
    expect(hasSolicitation('詳しくはプロフのリンクから')).toBe(true);
    expect(hasSolicitation('상담은 DM 주세요')).toBe(true);
    expect(hasSolicitation('minat? hubungi kami sekarang')).toBe(true);
  });

  it('leaves ordinary posts alone', () => {
    expect(hasSolicitation('First day here! This is my cat Mochi')).toBe(false);
    expect(hasSolicitation('今天的猫猫税，它在晒太阳')).toBe(false);
    expect(hasSolicitation('Welcome to the community, enjoy!')).toBe(false);
    expect(hasSolicitation('내 고양이 사진이에요')).toBe(false);
    expect(hasSolicitation('Mi gato duerme en mi teclado')).toBe(false);
  });
});
