import { describe, expect, it } from 'vitest';
import { CHINA_REGIONS, findChinaRegion } from './china-regions.js';
import { formatIpLocation, resolveLocationLabelLocale } from './location-label.js';

describe('formatIpLocation', () => {
  it('labels a Chinese address by its province', () => {
    const location = { country: 'CN', region: 'CN-GD' };
    expect(formatIpLocation(location, 'en')).toBe('Guangdong');
    expect(formatIpLocation(location, 'zh-Hans')).toBe('广东');
  });

  it('accepts the English province names the data uses as the region', () => {
    expect(formatIpLocation({ country: 'CN', region: 'Inner Mongolia' }, 'zh-Hans')).toBe('内蒙古');
    expect(formatIpLocation({ country: 'CN', region: 'Tibet' }, 'zh-CN')).toBe('西藏');
  });

  it('falls back to the country for China without a known province', () => {
    expect(formatIpLocation({ country: 'CN', region: null }, 'en')).toBe('China');
    expect(formatIpLocation({ country: 'CN', region: 'Atlantis' }, 'zh-Hans')).toBe('中国');
  });

  it('labels other addresses by country', () => {
    expect(formatIpLocation({ country: 'US', region: null }, 'en')).toBe('United States');
    expect(formatIpLocation({ country: 'US', region: null }, 'zh-Hans')).toBe('美国');
    expect(formatIpLocation({ country: 'BR', region: null }, 'en')).toBe('Brazil');
    expect(formatIpLocation({ country: 'BR', region: null }, 'zh-Hans')).toBe('巴西');
    expect(formatIpLocation({ country: 'DE', region: null }, 'zh-Hans')).toBe('德国');
    expect(formatIpLocation({ country: 'GB', region: null }, 'en')).toBe('United Kingdom');
  });

  it('gives Hong Kong, Macao and Taiwan their own labels', () => {
    expect(formatIpLocation({ country: 'HK', region: null }, 'en')).toBe('Hong Kong');
    expect(formatIpLocation({ country: 'HK', region: null }, 'zh-Hans')).toBe('中国香港');
    expect(formatIpLocation({ country: 'MO', region: null }, 'en')).toBe('Macao');
    expect(formatIpLocation({ country: 'MO', region: null }, 'zh-Hans')).toBe('中国澳门');
    expect(formatIpLocation({ country: 'TW', region: null }, 'en')).toBe('Taiwan');
    expect(formatIpLocation({ country: 'TW', region: null }, 'zh-Hans')).toBe('中国台湾');
  });

  it('falls back to English for other locales', () => {
    expect(formatIpLocation({ country: 'JP', region: null }, 'fr')).toBe('Japan');
    expect(formatIpLocation({ country: 'CN', region: 'CN-SH' }, 'zh-Hant')).toBe('上海');
    expect(formatIpLocation({ country: 'JP', region: null }, undefined)).toBe('Japan');
    expect(formatIpLocation({ country: 'JP', region: null }, 'not a locale!')).toBe('Japan');
  });

  it('returns null without a location or for unknown codes', () => {
    expect(formatIpLocation(null, 'en')).toBeNull();
    expect(formatIpLocation({ country: 'QQ', region: null }, 'en')).toBeNull();
    expect(formatIpLocation({ country: 'ZZ', region: null }, 'en')).toBeNull();
    expect(formatIpLocation({ country: 'USA', region: null }, 'en')).toBeNull();
  });
});

describe('resolveLocationLabelLocale', () => {
  it('uses Chinese for every zh tag: zh-HK and zh-TW browsers get the Chinese interface', () => {
    for (const tag of [
      'zh-Hans',
      'zh',
      'zh-CN',
      'zh-SG',
      'zh-Hans-HK',
      'zh-HK',
      'zh-TW',
      'zh-Hant',
    ]) {
      expect(resolveLocationLabelLocale(tag), tag).toBe('zh-Hans');
    }
  });

  it('uses each interface language, English for the rest', () => {
    expect(resolveLocationLabelLocale('es-MX')).toBe('es');
    expect(resolveLocationLabelLocale('ja')).toBe('ja');
    expect(resolveLocationLabelLocale('ko-KR')).toBe('ko');
    for (const tag of ['en', 'en-GB', 'fr', 'not a tag!', '', null]) {
      expect(resolveLocationLabelLocale(tag), String(tag)).toBe('en');
    }
  });
});

describe('IP location labels in every interface language', () => {
  it('names countries from CLDR in es, ja and ko, not in English', () => {
    const us = { country: 'US', region: null };
    expect(formatIpLocation(us, 'es')).toBe('Estados Unidos');
    expect(formatIpLocation(us, 'ja')).toBe('アメリカ合衆国');
    expect(formatIpLocation(us, 'ko')).toBe('미국');
    expect(formatIpLocation(us, 'zh-HK')).toBe('美国');
    expect(formatIpLocation({ country: 'TW', region: null }, 'ja')).toBe('台湾');
    expect(formatIpLocation({ country: 'JP', region: null }, 'es-ES')).toBe('Japón');
  });

  it('names Chinese provinces in Japanese and Korean from the table, in pinyin for Spanish', () => {
    const guangdong = { country: 'CN', region: 'CN-GD' };
    expect(formatIpLocation(guangdong, 'ja')).toBe('広東');
    expect(formatIpLocation(guangdong, 'ko')).toBe('광둥');
    expect(formatIpLocation(guangdong, 'es')).toBe('Guangdong');
  });
});

describe('CHINA_REGIONS', () => {
  it('lists the 34 provincial-level divisions with distinct codes and names', () => {
    expect(CHINA_REGIONS).toHaveLength(34);
    expect(new Set(CHINA_REGIONS.map((region) => region.code)).size).toBe(34);
    expect(new Set(CHINA_REGIONS.map((region) => region.en)).size).toBe(34);
    expect(new Set(CHINA_REGIONS.map((region) => region.zhHans)).size).toBe(34);
  });

  it('finds divisions by code, name, alias and official long form', () => {
    expect(findChinaRegion('CN-XJ')?.en).toBe('Xinjiang');
    expect(findChinaRegion('xj')?.en).toBe('Xinjiang');
    expect(findChinaRegion('Xinjiang Uyghur Autonomous Region')?.code).toBe('CN-XJ');
    expect(findChinaRegion('Guangdong Province')?.code).toBe('CN-GD');
    expect(findChinaRegion('Beijing Shi')?.code).toBe('CN-BJ');
    expect(findChinaRegion('四川')?.code).toBe('CN-SC');
    expect(findChinaRegion('Shaanxi')?.code).toBe('CN-SN');
    expect(findChinaRegion('Shanxi')?.code).toBe('CN-SX');
    expect(findChinaRegion('Narnia')).toBeNull();
  });
});
