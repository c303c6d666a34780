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

/** Points for a number of contradictions: 2 → 20, 3 → 35, 4 or more → 50; fewer: 0. */
export function fakeForeignerPoints(count: number): number {
  return count < 2 ? 0 : count === 2 ? 20 : count === 3 ? 35 : 50;
}

export function fakeForeignerSignal(claims: CountryClaims): MaybeSignal {
  const points = fakeForeignerPoints(contradictions(claims).length);
  return points > 0 ? fire('fake_foreigner', points) : null;
}

/**
 * What the door keeps of a costume it scored (countries only, never a number or an address), so
 * that the account's first notes can be judged against it (`foreignerWriting`): the evidence
 * country the contradictions were counted against, the countries the claims named, the points.
 */
export interface Costume {
  evidence: string;
  claimed: string[];
  points: number;
}

/** The costume of a sign-up that scored `fake_foreigner`, else null. */
export function costumeOf(claims: CountryClaims): Costume | null {
  const byClock = claims.timeZoneCountry ? against(claims, claims.timeZoneCountry, false) : [];
  const residential = claims.ipIsHosting ? null : claims.ipCountry;
  const byLine = residential ? against(claims, residential, true) : [];
  const [evidence, found] =
    residential && byLine.length > byClock.length
      ? [residential, byLine]
      : [claims.timeZoneCountry, byClock];
  const points = fakeForeignerPoints(found.length);
  if (!evidence || points === 0) return null;
  const named = [
    claims.phoneCountry,
    claims.languageRegion,
    claims.ipIsHosting ? claims.ipCountry : null,
  ];
  const claimed = [...new Set(named.filter((c): c is string => !!c && c !== evidence))].sort();
  return { evidence, claimed, points };
}

/** A note must carry at least this many letters of a telling script (a word or two, not one sign). */
export const MIN_SCRIPT_LETTERS = 4;

/** Letters of each non-Latin script in a text (Latin is everyone's: handles, links, "OK"). */
export function scriptLetters(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const char of text) {
    for (const [script, pattern] of SCRIPTS) {
      if (script === 'Latin' || !pattern.test(char)) continue;
      counts.set(script, (counts.get(script) ?? 0) + 1);
      break;
    }
  }
  return counts;
}

/** Whether a text has at least MIN_SCRIPT_LETTERS letters of some script other than Latin. */
export function hasTellingScript(text: string): boolean {
  for (const count of scriptLetters(text).values()) if (count >= MIN_SCRIPT_LETTERS) return true;
  return false;
}

/**
 * Whether a young account's own writing sides with the evidence against its claims: the text
 * carries at least MIN_SCRIPT_LETTERS letters of a script used in the evidence country and in
 * none of the claimed countries (known countries only; with none known, nothing is judged).
 * Latin is never telling. A costume sets a phone, a browser language and a name; the words a
 * person reaches for are harder to dress.
 */
export function writingSidesWithEvidence(text: string, costume: Costume): boolean {
  const home = COUNTRIES[costume.evidence];
  const claimed = costume.claimed.flatMap((country) => COUNTRIES[country] ?? []);
  if (!home || claimed.length === 0) return false;
  for (const [script, count] of scriptLetters(text)) {
    if (count < MIN_SCRIPT_LETTERS || !home.scripts.includes(script)) continue;
    if (claimed.every((country) => !country.scripts.includes(script))) return true;
  }
  return false;
}
