import { fire, type MaybeSignal } from './signal.js';

/**
 * "Fake foreigner": an account that claims to be from one country (its phone, its browser's
 * languages, the script of its name, the exit of a VPN) while the things it does not choose as
 * easily — the clock of its device, the address of a residential line — say another.
 *
 * Scoring (docs/risk.md):
 * 1. The *evidence countries* are the browser's time-zone country and the IP country when the
 *    address is residential (not a hosting or VPN network). None: no score.
 * 2. Against each evidence country E, each *claim* that points away from E is a contradiction
 *    (the larger count of the two is kept):
 *    - the phone number's country differs from E;
 *    - the address is a hosting/VPN network located in another country than E;
 *    - the first Accept-Language region (`en-US` → US) differs from E;
 *    - the first Accept-Language language is not one spoken in E (known countries only);
 *    - the display name is written in a script not used in E (known countries only);
 *    - judged against a residential address only: the time zone's country differs from E (a
 *      clock is set in a minute, a home line is not: a costume sets the clock too).
 * 3. Points: 2 contradictions 20, 3 → 35, 4 or more → 50. One is ordinary (a traveller, an
 *    expatriate, a VPN for work); several together are a costume.
 */
export interface CountryClaims {
  phoneCountry: string | null;
  ipCountry: string | null;
  ipIsHosting: boolean;
  timeZoneCountry: string | null;
  languageRegion: string | null;
  language: string | null;
  displayName: string | null;
}

/** Main languages and scripts of countries whose newcomers matter most; others are not judged on these. */
const COUNTRIES: Record<string, { languages: string[]; scripts: string[] }> = {
  CN: { languages: ['zh'], scripts: ['Han'] },
  TW: { languages: ['zh'], scripts: ['Han'] },
  HK: { languages: ['zh', 'en'], scripts: ['Han', 'Latin'] },
  MO: { languages: ['zh', 'pt'], scripts: ['Han', 'Latin'] },
  SG: { languages: ['en', 'zh', 'ms', 'ta'], scripts: ['Latin', 'Han'] },
  JP: { languages: ['ja'], scripts: ['Kana', 'Han'] },
  KR: { languages: ['ko'], scripts: ['Hangul'] },
  US: { languages: ['en', 'es'], scripts: ['Latin'] },
  GB: { languages: ['en'], scripts: ['Latin'] },
  CA: { languages: ['en', 'fr'], scripts: ['Latin'] },
  AU: { languages: ['en'], scripts: ['Latin'] },
  NZ: { languages: ['en'], scripts: ['Latin'] },
  IE: { languages: ['en'], scripts: ['Latin'] },
  DE: { languages: ['de'], scripts: ['Latin'] },
  FR: { languages: ['fr'], scripts: ['Latin'] },
  ES: { languages: ['es', 'ca'], scripts: ['Latin'] },
  IT: { languages: ['it'], scripts: ['Latin'] },
  NL: { languages: ['nl'], scripts: ['Latin'] },
  PT: { languages: ['pt'], scripts: ['Latin'] },
  BR: { languages: ['pt'], scripts: ['Latin'] },
  MX: { languages: ['es'], scripts: ['Latin'] },
  AR: { languages: ['es'], scripts: ['Latin'] },
  CO: { languages: ['es'], scripts: ['Latin'] },
  PL: { languages: ['pl'], scripts: ['Latin'] },
  TR: { languages: ['tr'], scripts: ['Latin'] },
  RU: { languages: ['ru'], scripts: ['Cyrillic'] },
  UA: { languages: ['uk', 'ru'], scripts: ['Cyrillic'] },
  VN: { languages: ['vi'], scripts: ['Latin'] },
  TH: { languages: ['th'], scripts: ['Thai'] },
  ID: { languages: ['id'], scripts: ['Latin'] },
  PH: { languages: ['en', 'fil', 'tl'], scripts: ['Latin'] },
  IN: { languages: ['hi', 'en', 'bn', 'ta', 'te', 'mr'], scripts: ['Devanagari', 'Latin'] },
  SA: { languages: ['ar'], scripts: ['Arabic'] },
  AE: { languages: ['ar', 'en'], scripts: ['Arabic', 'Latin'] },
  EG: { languages: ['ar'], scripts: ['Arabic'] },
  IL: { languages: ['he'], scripts: ['Hebrew'] },
  IR: { languages: ['fa'], scripts: ['Arabic'] },
};

const SCRIPTS: [string, RegExp][] = [
  ['Hangul', /\p{Script=Hangul}/u],
  ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Han', /\p{Script=Han}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Latin', /\p{Script=Latin}/u],
];

/** The main script of a name: the first of a fixed order that occurs (kana before Han: Japanese). */
export function scriptOf(name: string): string | null {
  for (const [script, pattern] of SCRIPTS) if (pattern.test(name)) return script;
  return null;
}

/** The claims that point away from the evidence countries (see the rule above): the longer list. */
export function contradictions(claims: CountryClaims): string[] {
  const byClock = claims.timeZoneCountry ? against(claims, claims.timeZoneCountry, false) : [];
  const residential = claims.ipIsHosting ? null : claims.ipCountry;
  const byLine = residential ? against(claims, residential, true) : [];
  return byLine.length > byClock.length ? byLine : byClock;
}

function against(claims: CountryClaims, evidence: string, clockIsClaim: boolean): string[] {
  const known = COUNTRIES[evidence];
  const found: string[] = [];
  if (clockIsClaim && claims.timeZoneCountry && claims.timeZoneCountry !== evidence)
    found.push('time_zone');
  if (claims.phoneCountry && claims.phoneCountry !== evidence) found.push('phone');
  if (claims.ipIsHosting && claims.ipCountry && claims.ipCountry !== evidence) found.push('vpn');
  if (claims.languageRegion && claims.languageRegion !== evidence) found.push('language_region');
  if (known && claims.language && !known.languages.includes(claims.language))
    found.push('language');
  const script = claims.displayName ? scriptOf(claims.displayName) : null;
  if (known && script && !known.scripts.includes(script)) found.push('name_script');
  return found;
}

export function fakeForeignerSignal(claims: CountryClaims): MaybeSignal {
  const count = contradictions(claims).length;
  if (count < 2) return null;
  return fire('fake_foreigner', count === 2 ? 20 : count === 3 ? 35 : 50);
}
