import { describe, expect, it } from 'vitest';
import {
  type CountryClaims,
  contradictions,
  fakeForeignerSignal,
  scriptOf,
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
});
