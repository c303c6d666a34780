import { hash32, type Random } from './rng.js';

// The browsers and scripts generated clients use: user agents people really send, and a device
// fingerprint in the shape the web client sends (a 32-hex-digit hash).

const PHONE_AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Linux; Android 13; moto g power (2023)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
];
const DESKTOP_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
];
/** What farms run: one cheap Android model, emulated, for every account. */
export const FARM_AGENT =
  'Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36';
export const SCRIPT_AGENTS = [
  'python-requests/2.31.0',
  'Go-http-client/1.1',
  'axios/1.6.8',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
];

/** A person's browser: mostly phones (the wave came from a phone app), some desktops. */
export function humanAgent(random: Random): string {
  return random.chance(0.8) ? random.pick(PHONE_AGENTS) : random.pick(DESKTOP_AGENTS);
}

/** A device fingerprint: stable for one (seed, device) pair, as a browser's would be. */
export function deviceFingerprint(...parts: number[]): string {
  let text = '';
  for (let word = 0; word < 4; word++) {
    text += hash32(...parts, word)
      .toString(16)
      .padStart(8, '0');
  }
  return text;
}

/** How long a person takes to type an SMS code: a few seconds to half a minute. */
export function humanCodeMs(random: Random): number {
  return Math.round(Math.min(120_000, Math.max(3_000, random.logNormal(11_000, 0.5))));
}
