import { deviceFingerprint, FARM_AGENT, SCRIPT_AGENTS } from './clients.js';
import { COUNTRIES, type CountryProfile, HOME } from './countries.js';
import {
  AD_TEMPLATES,
  type CohortContext,
  catLine,
  DISPOSABLE,
  handleSuffix,
  humanCodeMs,
  type Member,
  password,
  personActivity,
  personSignup,
  RING_COMMENTS,
  WELCOMES,
  weightedCountry,
} from './people.js';
import { phoneNumber, phoneSeries } from './phones.js';
import { createRandom } from './rng.js';
import { noteReference } from './wave-format.js';

// The cohorts of a generated wave and how each behaves. Genuine cohorts act like people (their
// country everywhere, human delays, a cat picture); each abusive cohort carries the traces of one
// kind of abuse seen in the January 2025 wave and the farms that followed it.

export const cohortNames = [
  'genuine',
  'longtime',
  'fake_foreigner',
  'sms_farm',
  'hosting_bot',
  'device_farm',
  'ring',
  'ad_poster',
  'sleeper',
] as const;
export type Cohort = (typeof cohortNames)[number];

/** Cohorts of real people: friction for them is a false positive. */
export const genuineCohorts: readonly Cohort[] = ['genuine', 'longtime'];

export const defaultMix: Readonly<Record<Cohort, number>> = {
  genuine: 0.78,
  longtime: 0.04,
  fake_foreigner: 0.03,
  sms_farm: 0.04,
  hosting_bot: 0.03,
  device_farm: 0.03,
  ring: 0.02,
  ad_poster: 0.02,
  sleeper: 0.01,
};

/** Accounts a group of the cohort opens together (farms work in batches). */
export const groupSizes: Readonly<Record<Cohort, number>> = {
  genuine: 1,
  longtime: 1,
  fake_foreigner: 1,
  sms_farm: 20,
  hosting_bot: 10,
  device_farm: 15,
  ring: 8,
  ad_poster: 6,
  sleeper: 1,
};

type Spawn = (context: CohortContext, members: Member[], t: number) => void;

const groupRandom = (context: CohortContext, members: Member[], salt: number) =>
  createRandom(context.seed, members[0]!.index, salt);

export const cohorts: Readonly<Record<Cohort, Spawn>> = {
  genuine(context, [member], t) {
    const random = createRandom(context.seed, member!.index, 1);
    const country = weightedCountry(random);
    const signup = personSignup(context, member!, country, t, random, 0);
    context.emit(signup);
    personActivity(context, member!, country, t + (signup.codeMs ?? 0) / 1000, random);
  },

  longtime(context, [member], t) {
    // the community before the wave: Chinese users who welcome newcomers and come back later
    const random = createRandom(context.seed, member!.index, 2);
    const signup = personSignup(context, member!, HOME, t, random, 1);
    context.emit(signup);
    context.longtime.push(member!.id);
    let last = personActivity(context, member!, HOME, t + 20, random, 2);
    const { t: _t, type: _type, handle: _handle, displayName: _name, ...identity } = signup;
    last += random.range(600, 3600);
    context.emit({
      ...identity,
      t: Math.round(last * 1000) / 1000,
      type: 'login',
      ip: context.pool.residential('CN', random),
      codeMs: humanCodeMs(random),
    });
    for (let comment = 1 + random.int(3); comment > 0; comment--) {
      last += random.logNormal(60, 0.7);
      const target = context.recentNotes(random, last);
      if (target) {
        context.emit({
          t: Math.round(last * 1000) / 1000,
          actor: member!.id,
          type: 'comment',
          target,
          body: random.pick(WELCOMES),
        });
      }
    }
  },

  fake_foreigner(context, [member], t) {
    // claims America or Britain (name, phone, browser language, posts) from a Chinese network,
    // often with the Chinese time zone left on and Chinese slipping into the posts
    const random = createRandom(context.seed, member!.index, 3);
    const claimed = random.pick(COUNTRIES.slice(0, 2));
    const signup = personSignup(context, member!, claimed, t, random, 2);
    context.emit({
      ...signup,
      ip: context.pool.residential('CN', random),
      tz: random.chance(0.6) ? 'Asia/Shanghai' : random.pick(claimed.zones),
    });
    const leaked: CountryProfile = {
      ...claimed,
      lines: claimed.lines.map((line) => `${line} 家人们点点关注`),
    };
    personActivity(context, member!, leaked, t + 15, random, 2 + random.int(2));
  },

  sms_farm(context, members, t) {
    // consecutive numbers from one range, read by software within seconds, through a few
    // proxies of the numbers' country; templated handles; then idle (accounts for sale)
    const random = groupRandom(context, members, 4);
    const country = random.pick(['ID', 'VN', 'PH', 'NG', 'IN']);
    const series = phoneSeries(country, 3 + random.int(6))!;
    const start = random.int(900_000);
    const subnets = [0, 1, 2].map(() => context.pool.subnet(country, random));
    members.forEach((member, position) => {
      const at = t + position * random.range(1, 4);
      context.emit({
        t: Math.round(at * 1000) / 1000,
        actor: member.id,
        type: 'signup',
        method: 'phone',
        phone: phoneNumber(series, position, { consecutive: true, start }),
        handle: `user${(start + position) % 100_000}${handleSuffix(context, member)}`,
        displayName: `User${random.int(10_000)}`,
        ip: `${random.pick(subnets)}.${2 + random.int(250)}`,
        ua: FARM_AGENT,
        acceptLanguage: 'en-US,en;q=0.9',
        tz: 'UTC',
        device: deviceFingerprint(context.seed, member.index, 4),
        codeMs: Math.round(random.range(1200, 3500)),
        pow: 'solves',
        // the modem software reads the second SMS of a step-up as it read the first
        stepUp: 'confirms',
      });
      const target = context.recentNotes(random, at + 30);
      if (target)
        context.emit({
          t: Math.round((at + 30) * 1000) / 1000,
          actor: member.id,
          type: 'like',
          target,
        });
    });
  },

  hosting_bot(context, members, t) {
    // scripts on cloud servers: no browser, no device, disposable e-mail, spam right away
    const random = groupRandom(context, members, 5);
    const gives = random.chance(0.5) ? 'gives_up' : 'solves';
    members.forEach((member, position) => {
      const at = t + position * random.range(0.2, 1);
      const handle = `bot${random.int(100_000)}${handleSuffix(context, member)}`;
      context.emit({
        t: Math.round(at * 1000) / 1000,
        actor: member.id,
        type: 'signup',
        method: 'email',
        email: `${handle}@${random.pick(DISPOSABLE)}`,
        password: password(random),
        handle,
        displayName: handle,
        ip: context.pool.hosting(random),
        ua: random.pick(SCRIPT_AGENTS),
        ...(random.chance(0.5) ? { acceptLanguage: 'en-US,en;q=0.9', tz: 'UTC' } : {}),
        codeMs: Math.round(random.range(200, 900)),
        pow: gives,
        // a script that pays for proofs of work also polls its disposable inbox for the code
        stepUp: gives === 'solves' ? 'confirms' : 'ignores',
      });
      context.emit({
        t: Math.round((at + 5) * 1000) / 1000,
        actor: member.id,
        type: 'note',
        title: 'Best deal',
        body: random.pick(AD_TEMPLATES).replace('{n}', String(random.int(100))),
        images: context.images.ads.slice(0, 1),
        lang: 'en',
      });
    });
  },

  device_farm(context, members, t) {
    // phone racks: many accounts on three devices, behind mobile proxies of one country
    const random = groupRandom(context, members, 6);
    const country = weightedCountry(random);
    const devices = [0, 1, 2].map((slot) =>
      deviceFingerprint(context.seed, members[0]!.index, 6, slot),
    );
    members.forEach((member, position) => {
      const at = t + position * random.range(5, 20);
      const signup = personSignup(context, member, country, at, random, 0);
      context.emit({
        ...signup,
        device: devices[position % 3]!,
        ua: FARM_AGENT,
        codeMs: Math.round(random.range(2000, 5000)),
      });
      const target = context.recentNotes(random, at + 40);
      if (target)
        context.emit({
          t: Math.round((at + 40) * 1000) / 1000,
          actor: member.id,
          type: 'like',
          target,
        });
    });
  },

  ring(context, members, t) {
    // look like people, then like, follow and praise each other in one short window
    const random = groupRandom(context, members, 7);
    const country = weightedCountry(random);
    let last = t;
    members.forEach((member, position) => {
      const at = t + position * random.range(20, 90);
      const signup = personSignup(context, member, country, at, random, 0);
      context.emit(signup);
      context.emit({
        t: Math.round((at + 60) * 1000) / 1000,
        actor: member.id,
        type: 'note',
        title: random.pick(country.titles),
        body: catLine(country, random),
        images: context.images.cats.length ? [random.pick(context.images.cats)] : [],
        lang: country.lang,
      });
      last = Math.max(last, at + 60);
    });
    const burst = last + random.range(120, 300);
    for (const member of members) {
      let at = burst + random.range(0, 20);
      for (const other of members) {
        if (other === member) continue;
        at += random.range(0.5, 2);
        const when = Math.round(at * 1000) / 1000;
        context.emit({ t: when, actor: member.id, type: 'follow', target: other.id });
        context.emit({
          t: when,
          actor: member.id,
          type: 'like',
          target: noteReference(other.id, 0),
        });
        if (random.chance(0.3)) {
          context.emit({
            t: when,
            actor: member.id,
            type: 'comment',
            target: noteReference(other.id, 0),
            body: random.pick(RING_COMMENTS),
          });
        }
      }
    }
  },

  ad_poster(context, members, t) {
    // templated handles and posts, the same picture, ads under other people's notes
    const random = groupRandom(context, members, 8);
    const country = COUNTRIES[0]!;
    members.forEach((member, position) => {
      const at = t + position * random.range(2, 10);
      const signup = personSignup(context, member, country, at, random, 0);
      context.emit({
        ...signup,
        handle: `deals${1000 + random.int(9000)}${handleSuffix(context, member)}`,
        displayName: `Deals ${random.int(10_000)}`,
      });
      for (let k = 0; k < 3; k++) {
        context.emit({
          t: Math.round((at + 20 + k * 15) * 1000) / 1000,
          actor: member.id,
          type: 'note',
          title: 'Limited offer',
          body: random.pick(AD_TEMPLATES).replace('{n}', String(random.int(100))),
          images: context.images.ads.slice(0, 1),
          lang: 'en',
        });
      }
      const target = context.recentNotes(random, at + 80);
      if (target) {
        context.emit({
          t: Math.round((at + 80) * 1000) / 1000,
          actor: member.id,
          type: 'comment',
          target,
          body: random.pick(AD_TEMPLATES).replace('{n}', String(random.int(100))),
        });
      }
    });
  },

  sleeper(context, [member], t) {
    // a person in every way, until late in the wave it starts posting ads
    const random = createRandom(context.seed, member!.index, 9);
    const country = weightedCountry(random);
    const signup = personSignup(context, member!, country, t, random, 0);
    context.emit(signup);
    const last = personActivity(context, member!, country, t + 20, random, 1);
    const wake = Math.max(last + 600, Math.min(context.duration, t + random.range(1800, 3600)));
    for (let k = 0; k < 3; k++) {
      context.emit({
        t: Math.round((wake + k * 30) * 1000) / 1000,
        actor: member!.id,
        type: 'note',
        title: 'You need this',
        body: random.pick(AD_TEMPLATES).replace('{n}', String(random.int(100))),
        images: context.images.ads.slice(0, 1),
        lang: 'en',
      });
    }
  },
};
