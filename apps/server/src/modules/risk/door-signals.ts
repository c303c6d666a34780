import type { ClientInfo } from '../../http/request-context.js';
import { isNonPublicAddress, parseIpAddress } from '../geo/ip-address.js';
import type { AsnInfo } from './asn-table.js';
import {
  codeEntrySignal,
  deviceMissingSignal,
  deviceOf,
  deviceSharedSignal,
  languageCountrySignal,
  languageRegions,
  languagesOf,
  timeZoneCountry,
  timeZoneCountrySignal,
  timeZoneMissingSignal,
  userAgentSignal,
} from './client-signals.js';
import { type Costume, costumeOf, fakeForeignerSignal } from './fake-foreigner.js';
import { isHostingNetwork } from './hosting-asns.js';
import {
  counterTemplate,
  disposableEmailSignal,
  handleTemplateSignal,
  nameTemplateVelocitySignal,
} from './identity-signals.js';
import {
  addressBuckets,
  asnVelocitySignal,
  hostingNetworkSignal,
  ipUnlocatedSignal,
  ipVelocitySignal,
  subnetVelocitySignal,
} from './network-signals.js';
import {
  phoneCountryMismatchSignal,
  phoneFacts,
  phoneLineTypeSignal,
  phoneRange,
  phoneRangeVelocitySignal,
} from './phone-signals.js';
import type { MaybeSignal, Signal } from './signal.js';
import { VelocityCounter } from './velocity.js';

/** What the door sees of one attempt (the accounts module's `DoorAttempt`, structurally). */
export interface Attempt {
  surface: 'phone_start' | 'phone_verify' | 'signup' | 'login';
  client: ClientInfo;
  phone?: string | null;
  email?: string | null;
  handle?: string | null;
  displayName?: string | null;
  locale?: string | null;
  codeSentAt?: Date | null;
  retry: boolean;
}

/** Identifying values of an attempt, raw: only ever kept as keyed hashes (`door-guard.ts`). */
export interface AttemptFacts {
  ipCountry: string | null;
  asn: number | null;
  address: string | null;
  network: string | null;
  device: string | null;
  phoneRange: string | null;
  /** The costume the fake-foreigner rule scored at a sign-up (countries only), else null. */
  costume: Costume | null;
}

const MINUTE = 60_000;

/**
 * Velocity windows, per process (see velocity.ts for why memory). Code requests, sign-ups and
 * logins count apart: a login storm must not make sign-ups from a shared address look worse.
 */
export function createDoorCounters(maxKeys = 200_000) {
  const counter = (windowMs: number) => new VelocityCounter({ windowMs, maxKeys });
  return {
    address: counter(10 * MINUTE),
    network: counter(10 * MINUTE),
    asn: counter(MINUTE),
    phoneRange: counter(60 * MINUTE),
    device: counter(24 * 60 * MINUTE),
    nameTemplate: counter(60 * MINUTE),
  };
}
export type DoorCounters = ReturnType<typeof createDoorCounters>;

const familyOf = (surface: Attempt['surface']) =>
  surface === 'phone_start' ? 'code' : surface === 'login' ? 'login' : 'signup';

/**
 * Every signal of one attempt. Velocity counts the attempt first (unless it is the retry of a
 * challenged one), so the n-th attempt in a window sees n.
 */
export function gatherSignals(
  attempt: Attempt,
  counters: DoorCounters,
  lookupAsn: (ip: string) => AsnInfo | null,
  now = Date.now(),
): { signals: Signal[]; facts: AttemptFacts } {
  const { client } = attempt;
  const family = familyOf(attempt.surface);
  const count = (which: keyof DoorCounters, key: string) =>
    attempt.retry
      ? Math.max(1, counters[which].peek(`${family}|${key}`, now))
      : counters[which].hit(`${family}|${key}`, now);
  const signals: MaybeSignal[] = [];

  // network
  const parsed = parseIpAddress(client.ip);
  const isPublic = parsed !== null && !isNonPublicAddress(parsed);
  const asn = isPublic ? lookupAsn(client.ip) : null;
  const hosting = asn !== null && isHostingNetwork(asn.asn, asn.organization);
  const buckets = isPublic ? addressBuckets(client.ip) : null;
  signals.push(ipUnlocatedSignal(client.country, isPublic), hostingNetworkSignal(asn));
  if (buckets) {
    signals.push(ipVelocitySignal(count('address', buckets.address)));
    signals.push(subnetVelocitySignal(count('network', buckets.network)));
  }
  if (asn) signals.push(asnVelocitySignal(count('asn', String(asn.asn)), hosting));

  // phone
  let phoneCountry: string | null = null;
  const range = attempt.phone ? phoneRange(attempt.phone) : null;
  if (attempt.phone && range) {
    const facts = phoneFacts(attempt.phone);
    phoneCountry = facts.country;
    signals.push(phoneLineTypeSignal(facts.type, facts.country));
    signals.push(phoneCountryMismatchSignal(facts.country, client.country));
    // ranges count sign-ups (and code requests apart), not logins
    if (family !== 'login') signals.push(phoneRangeVelocitySignal(count('phoneRange', range)));
  }

  // client
  const device = deviceOf(client.device);
  const timeZone = client.timeZone ?? null;
  const acceptLanguage = client.acceptLanguage ?? null;
  signals.push(deviceMissingSignal(device), userAgentSignal(client.userAgent));
  if (device && family !== 'login') signals.push(deviceSharedSignal(count('device', device)));
  signals.push(languageCountrySignal(acceptLanguage, client.country));
  signals.push(timeZoneMissingSignal(timeZone, device));
  signals.push(timeZoneCountrySignal(timeZone, client.country));
  if (attempt.codeSentAt) signals.push(codeEntrySignal(now - attempt.codeSentAt.getTime()));

  // identity (sign-ups only: a login's handle was chosen long ago)
  let costume: Costume | null = null;
  if (family === 'signup') {
    if (attempt.handle) {
      signals.push(handleTemplateSignal(attempt.handle));
      const template = counterTemplate(attempt.handle);
      if (template) signals.push(nameTemplateVelocitySignal(count('nameTemplate', template)));
    }
    signals.push(disposableEmailSignal(attempt.email ?? null));
    const claims = {
      phoneCountry,
      ipCountry: client.country,
      ipIsHosting: hosting,
      timeZoneCountry: timeZoneCountry(timeZone),
      languageRegion: languageRegions(acceptLanguage)[0] ?? null,
      language: languagesOf(acceptLanguage)[0] ?? attempt.locale?.split('-')[0] ?? null,
      displayName: attempt.displayName ?? null,
    };
    signals.push(fakeForeignerSignal(claims));
    costume = costumeOf(claims);
  }

  return {
    signals: signals.filter((signal): signal is Signal => signal !== null),
    facts: {
      ipCountry: client.country,
      asn: asn?.asn ?? null,
      address: buckets?.address ?? null,
      network: buckets?.network ?? null,
      device,
      phoneRange: range,
      costume,
    },
  };
}
