import { describe, expect, it } from 'vitest';
import {
  type CountryClaims,
  contradictions,
  costumeOf,
  fakeForeignerSignal,
  hasTellingScript,
  scriptLetters,
  scriptOf,
  writingSidesWithEvidence,
} from './fake-foreigner.js';

const base: CountryClaims = {
  phoneCountry: null,
  ipCountry: null,
  ipIsHosting: false,
  timeZoneCountry: null,
  languageRegion: null,
  language: null,
  displayName: null,
};

describe('fake foreigner', () => {
  it('finds the script of a name', () => {
    expect(scriptOf('Emily')).toBe('Latin');
    expect(scriptOf('小红')).toBe('Han');
    expect(scriptOf('さくら')).toBe('Kana');
    expect(scriptOf('민지')).toBe('Hangul');
    expect(scriptOf('🙂')).toBeNull();
  });

  it('scores a US costume over a Chinese clock and VPN', () => {
    const claims: CountryClaims = {
      ...base,
      phoneCountry: 'US',
      ipCountry: 'US',
      ipIsHosting: true,
      timeZoneCountry: 'CN',
      languageRegion: 'US',
      language: 'en',
      displayName: 'Emily Johnson',
    };
    expect(contradictions(claims)).toEqual([
      'phone',
      'vpn',
      'language_region',
      'language',
      'name_script',
    ]);
    expect(fakeForeignerSignal(claims)?.points).toBe(50);
  });

  it('leaves a genuine newcomer alone: everything points to one country', () => {
    const claims: CountryClaims = {
      ...base,
      phoneCountry: 'US',
      ipCountry: 'US',
      timeZoneCountry: 'US',
      languageRegion: 'US',
      language: 'en',
      displayName: 'Emily Johnson',
    };
    expect(fakeForeignerSignal(claims)).toBeNull();
  });

  it('forgives one contradiction: a traveller with a home phone', () => {
    const claims: CountryClaims = {
      ...base,
      phoneCountry: 'US',
      ipCountry: 'JP',
      timeZoneCountry: 'JP',
      language: 'en',
      displayName: 'Emily',
    };
    // phone, language, script: a costume only once the claims pile up
    expect(contradictions({ ...claims, language: 'ja', displayName: 'さくら' })).toEqual(['phone']);
    expect(fakeForeignerSignal({ ...claims, language: 'ja', displayName: 'さくら' })).toBeNull();
    expect(fakeForeignerSignal(claims)?.points).toBe(35);
  });

  it('has no evidence without a time zone or a residential address', () => {
    expect(
      fakeForeignerSignal({ ...base, phoneCountry: 'US', ipCountry: 'DE', ipIsHosting: true }),
    ).toBeNull();
  });

  it('judges the claims against a residential line too: a costume that sets the clock', () => {
    // a US phone, browser, name and clock over a Chinese home line
    const claims: CountryClaims = {
      ...base,
      phoneCountry: 'US',
      ipCountry: 'CN',
      timeZoneCountry: 'US',
      languageRegion: 'US',
      language: 'en',
      displayName: 'Emily Johnson',
    };
    expect(contradictions(claims)).toEqual([
      'time_zone',
      'phone',
      'language_region',
      'language',
      'name_script',
    ]);
    expect(fakeForeignerSignal(claims)?.points).toBe(50);
    // the same person on a hosting network (a VPN exit is a claim, not evidence): only the clock
    expect(fakeForeignerSignal({ ...claims, ipIsHosting: true })).toBeNull();
    // a newcomer whose clock and line agree is not touched
    expect(fakeForeignerSignal({ ...claims, ipCountry: 'US' })).toBeNull();
    // a German living in Austria (clock and line agree): the line adds nothing to the clock's count
    expect(
      fakeForeignerSignal({
        ...base,
        phoneCountry: 'DE',
        ipCountry: 'AT',
        timeZoneCountry: 'AT',
        languageRegion: 'DE',
        language: 'de',
        displayName: 'Jonas',
      })?.points,
    ).toBe(20);
  });

  it('keeps the costume it scored: the evidence country, the claimed ones, the points', () => {
    // an e-mail sign-up: a British browser and name on a Chinese home line with a Chinese clock
    const claims: CountryClaims = {
      ...base,
      ipCountry: 'CN',
      timeZoneCountry: 'CN',
      languageRegion: 'GB',
      language: 'en',
      displayName: 'Amelia Walker',
    };
    expect(costumeOf(claims)).toEqual({ evidence: 'CN', claimed: ['GB'], points: 35 });
    // a US number and a VPN exit in the US, against a Chinese clock
    expect(
      costumeOf({
        ...base,
        phoneCountry: 'US',
        ipCountry: 'US',
        ipIsHosting: true,
        timeZoneCountry: 'CN',
        languageRegion: 'US',
        language: 'en',
      }),
    ).toEqual({ evidence: 'CN', claimed: ['US'], points: 50 });
    // one contradiction is a traveller: no costume
    expect(costumeOf({ ...claims, languageRegion: 'CN', language: 'zh', displayName: null })).toBe(
      null,
    );
    expect(costumeOf({ ...base, languageRegion: 'US' })).toBeNull();
  });

  it('counts letters of non-Latin scripts only', () => {
    expect(scriptLetters('Hi 家人们 OK')).toEqual(new Map([['Han', 3]]));
    expect(scriptLetters('안녕하세요 friends')).toEqual(new Map([['Hangul', 5]]));
    expect(scriptLetters('hello there')).toEqual(new Map());
    expect(hasTellingScript('ni hao 你好')).toBe(false); // two letters: a learner's word
    expect(hasTellingScript('家人们点点关注')).toBe(true);
  });

  it('finds writing that sides with the evidence against the claims', () => {
    const costume = { evidence: 'CN', claimed: ['US'], points: 35 };
    expect(writingSidesWithEvidence('Love it here 家人们点点关注', costume)).toBe(true);
    expect(writingSidesWithEvidence('Love it here, 你好!', costume)).toBe(false);
    expect(writingSidesWithEvidence('Love it here', costume)).toBe(false);
    // a script the claimed country uses too says nothing (Japan writes Han as well)
    expect(
      writingSidesWithEvidence('今日は猫の日です', { evidence: 'CN', claimed: ['JP'], points: 35 }),
    ).toBe(false);
    // Hangul from a Korean line claiming America
    expect(
      writingSidesWithEvidence('오늘 고양이 사진', { evidence: 'KR', claimed: ['US'], points: 20 }),
    ).toBe(true);
    // a script not used in the evidence country, or claims of unknown countries: not judged
    expect(
      writingSidesWithEvidence('Привет всем друзья', {
        evidence: 'CN',
        claimed: ['US'],
        points: 35,
      }),
    ).toBe(false);
    expect(
      writingSidesWithEvidence('家人们点点关注', { evidence: 'CN', claimed: ['NG'], points: 35 }),
    ).toBe(false);
  });
});
