import { deviceFingerprint, humanAgent, humanCodeMs } from './clients.js';

export { humanCodeMs };

import { CAT_NAMES, COUNTRIES, type CountryProfile } from './countries.js';
import type { WaveImages } from './images.js';
import type { IpPool } from './ip-pool.js';
import { phoneNumber, phoneSeries } from './phones.js';
import { hash32, type Random } from './rng.js';
import { noteReference, type SignupEvent, type WaveEvent } from './wave-format.js';

// People in a generated wave: their names, sign-ups and what they do afterwards. Genuine cohorts
// are made of these; several abusive cohorts borrow them to look human.

export interface Member {
  id: string;
  index: number;
  /** Position among the actors of its cohort. */
  ordinal: number;
}

export interface CohortContext {
  seed: number;
  pool: IpPool;
  images: WaveImages;
  /** When the wave ends (seconds). */
  duration: number;
  emit(event: WaveEvent): void;
  /** Notes posted so far by genuine people (references), to like and comment on. */
  /** A note posted before `before` (seconds), or null when none is known yet. */
  recentNotes(random: Random, before: number): string | null;
  rememberNote(reference: string, postedAt: number): void;
  /** Actor ids of long-time users (follow targets). */
  longtime: string[];
  /** Per-country counters of scattered numbers, so no two people share one. */
  nextPhoneIndex(country: string, series: number): number;
}

export const DISPOSABLE = [
  'mailinator.com',
  'yopmail.com',
  'guerrillamail.com',
  '10minutemail.com',
];
export const WORDS = ['maple', 'river', 'lantern', 'pebble', 'orbit', 'velvet', 'cactus', 'harbor'];
export const AD_TEMPLATES = [
  '💰 Cheap followers and likes, 1000 for $5! DM me on WhatsApp +1 555 01{n} #growth #followers',
  'Make $500 a day from home 💸 link in bio, only today! #money #refugee #cattax',
  '🔥 Free iPhone giveaway, click the link in my profile to claim yours {n} #giveaway',
];
export const RING_COMMENTS = [
  'so cute!!',
  'love this 😍',
  'amazing post',
  'followed you, follow back?',
];
export const WELCOMES = [
  '欢迎欢迎！',
  'Welcome! 欢迎来到这里',
  '好可爱的猫！',
  'Welcome, your cat is adorable',
];

export const ascii = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

export function weightedCountry(random: Random): CountryProfile {
  const total = COUNTRIES.reduce((sum, country) => sum + country.weight, 0);
  let roll = random.next() * total;
  for (const country of COUNTRIES) {
    roll -= country.weight;
    if (roll < 0) return country;
  }
  return COUNTRIES[0]!;
}

export function personName(country: CountryProfile, random: Random) {
  const given = random.pick(country.givenNames);
  const family = random.pick(country.familyNames);
  const displayName = country.code === 'CN' ? `${family}${given}` : `${given} ${family}`;
  return { given, family, displayName };
}

/**
 * A passphrase of three different words and a number. Three draws may repeat a word
 * (`harbor-harbor-harbor-11`), which the server rightly refuses as a repeat pattern (400
 * WEAK_PASSWORD): a person would pick another one, a replayed actor would have no account.
 */
export function password(random: Random): string {
  const words: string[] = [];
  while (words.length < 3) {
    const word = random.pick(WORDS);
    if (!words.includes(word)) words.push(word);
  }
  return `${words.join('-')}-${random.int(10_000)}`;
}

export function catLine(country: CountryProfile, random: Random): string {
  return random.pick(country.lines).replace('{cat}', random.pick(CAT_NAMES));
}

/** A person's sign-up: their country's phone (or an e-mail), address, browser and timing. */
/**
 * What makes an actor's handle unique: its index, after two characters of the seed, so waves of
 * different seeds replayed into one server do not collide.
 */
export function handleSuffix(context: Pick<CohortContext, 'seed'>, member: Member): string {
  return `${(context.seed % 1296).toString(36).padStart(2, '0')}${member.index.toString(36)}`;
}

export function personSignup(
  context: CohortContext,
  member: Member,
  country: CountryProfile,
  t: number,
  random: Random,
  series: number,
): SignupEvent {
  const { given, displayName } = personName(country, random);
  const handle = `${ascii(given) || 'neko'}_${handleSuffix(context, member)}`;
  const client = {
    ip: context.pool.residential(country.code, random),
    ua: humanAgent(random),
    acceptLanguage: country.acceptLanguage,
    tz: random.pick(country.zones),
    device: deviceFingerprint(context.seed, member.index),
    codeMs: humanCodeMs(random),
    pow: 'solves' as const,
  };
  if (random.chance(0.15)) {
    return {
      t,
      actor: member.id,
      type: 'signup',
      method: 'email',
      email: `${handle}@${random.pick(['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com'])}`,
      password: password(random),
      handle,
      displayName,
      ...client,
    };
  }
  const phoneSet = phoneSeries(country.code, series)!;
  const phone = phoneNumber(phoneSet, context.nextPhoneIndex(country.code, series), {
    consecutive: false,
    start: hash32(context.seed, series) % 1_000_000,
  });
  return {
    t,
    actor: member.id,
    type: 'signup',
    method: 'phone',
    phone,
    handle,
    displayName,
    ...client,
  };
}

/** What a person does after signing up: a profile, a cat picture or two, likes and follows. */
export function personActivity(
  context: CohortContext,
  member: Member,
  country: CountryProfile,
  start: number,
  random: Random,
  notes = 1 + random.int(2),
): number {
  let t = start;
  const at = (delay: number) => {
    t += delay;
    return Math.round(t * 1000) / 1000;
  };
  if (random.chance(0.5)) {
    context.emit({
      t: at(random.logNormal(40, 0.6)),
      actor: member.id,
      type: 'profile',
      bio: catLine(country, random),
      ...(random.chance(0.4) ? { avatar: random.pick(context.images.cats) } : {}),
    });
  }
  for (let k = 0; k < notes; k++) {
    context.emit({
      t: at(random.logNormal(90, 0.7)),
      actor: member.id,
      type: 'note',
      title: random.pick(country.titles),
      body: catLine(country, random),
      images: context.images.cats.length ? [random.pick(context.images.cats)] : [],
      lang: country.lang,
    });
    context.rememberNote(noteReference(member.id, k), t);
  }
  for (let like = random.int(4); like > 0; like--) {
    const target = context.recentNotes(random, t);
    if (target)
      context.emit({ t: at(random.logNormal(20, 0.8)), actor: member.id, type: 'like', target });
  }
  if (context.longtime.length && random.chance(0.6)) {
    const target = random.pick(context.longtime);
    if (target !== member.id) {
      context.emit({ t: at(random.logNormal(30, 0.8)), actor: member.id, type: 'follow', target });
    }
  }
  return t;
}
