import { fire, type MaybeSignal, overBudget } from './signal.js';
import { timeZoneCountries } from './time-zones.js';

/** The device header's accepted shape: a fingerprint hash, nothing a person could type. */
const DEVICE = /^[A-Za-z0-9_-]{8,128}$/;

/** The device fingerprint of a request, or null when absent or malformed (treated alike). */
export function deviceOf(header: string | undefined | null): string | null {
  return typeof header === 'string' && DEVICE.test(header) ? header : null;
}

/** Scripted clients send no fingerprint: the web app always does. */
export function deviceMissingSignal(device: string | null): MaybeSignal {
  return device ? null : fire('device_missing', 20);
}

/** Accounts made (or attempts) from one device in the window: a family shares a tablet, a farm a rack. */
export function deviceSharedSignal(count: number): MaybeSignal {
  const points = overBudget(count, 2, 12, 50);
  return points > 0 ? fire('device_shared', points) : null;
}

const AUTOMATION =
  /(curl|wget|python|aiohttp|httpx|go-http-client|okhttp|java\/|libwww|axios|node-fetch|undici|headless|phantomjs|selenium|puppeteer|playwright|scrapy|bot\b|spider|crawler)/i;
const BROWSER = /^Mozilla\/5\.0 \(.+\)/;

/** User agents a browser never sends: none, a library's, a headless browser's, or gibberish. */
export function userAgentSignal(userAgent: string | null): MaybeSignal {
  if (!userAgent?.trim()) return fire('user_agent_missing', 20);
  if (AUTOMATION.test(userAgent)) return fire('user_agent_automation', 25);
  // the apps of the platform may send their own; anything else should look like a browser
  if (!BROWSER.test(userAgent) && !/^Atrium\//.test(userAgent))
    return fire('user_agent_automation', 10);
  return null;
}

/** The regions named in an Accept-Language header (`en-US` → US), in order. */
export function languageRegions(acceptLanguage: string | null): string[] {
  if (!acceptLanguage) return [];
  const regions: string[] = [];
  for (const part of acceptLanguage.split(',').slice(0, 8)) {
    const match = /^\s*[A-Za-z]{2,3}(?:-[A-Za-z]{4})?-([A-Za-z]{2})\b/.exec(part);
    if (match) regions.push(match[1]!.toUpperCase());
  }
  return regions;
}

/** The primary languages of an Accept-Language header (`zh-Hans-CN` → zh), in order. */
export function languagesOf(acceptLanguage: string | null): string[] {
  if (!acceptLanguage) return [];
  return acceptLanguage
    .split(',')
    .slice(0, 8)
    .map((part) => /^\s*([A-Za-z]{2,3})\b/.exec(part)?.[1]?.toLowerCase())
    .filter((language): language is string => Boolean(language));
}

/**
 * The browser's languages name regions and none is the IP's country. Only regions count
 * (`en` alone says nothing about where someone is); people abroad keep their home locale, so
 * this adds little on its own — it matters in the fake-foreigner sum.
 */
export function languageCountrySignal(
  acceptLanguage: string | null,
  ipCountry: string | null,
): MaybeSignal {
  const regions = languageRegions(acceptLanguage);
  if (!ipCountry || regions.length === 0 || regions.includes(ipCountry)) return null;
  return fire('language_country_mismatch', 5);
}

/** The country of an IANA zone, or null for an unknown or generic one (`UTC`, `Etc/GMT+8`). */
export function timeZoneCountry(timeZone: string | null): string | null {
  return timeZone ? (timeZoneCountries.get(timeZone) ?? null) : null;
}

/** The web app always reports its time zone; scripts rarely do. */
export function timeZoneMissingSignal(timeZone: string | null, device: string | null): MaybeSignal {
  // without a device the client is already counted as scripted
  return !timeZone && device ? fire('time_zone_missing', 10) : null;
}

/** The browser's clock is set for another country than the one its address is in. */
export function timeZoneCountrySignal(
  timeZone: string | null,
  ipCountry: string | null,
): MaybeSignal {
  const zoneCountry = timeZoneCountry(timeZone);
  return zoneCountry && ipCountry && zoneCountry !== ipCountry
    ? fire('time_zone_country_mismatch', 10)
    : null;
}

/**
 * How long after the code was sent it was typed in. Reading an SMS and typing six digits takes a
 * person several seconds; a farm's modem API answers in one or two.
 */
export function codeEntrySignal(elapsedMs: number | null): MaybeSignal {
  if (elapsedMs === null) return null;
  if (elapsedMs < 2_000) return fire('code_entry_fast', 25);
  if (elapsedMs < 4_000) return fire('code_entry_fast', 10);
  return null;
}
