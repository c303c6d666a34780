/**
 * Request headers the web client sends for risk control at the door, and that anything replaying
 * a client (the surge replayer, load tools) must send under the same names. Lower-case, as Node
 * hands header names to the server.
 */
export const clientHeaders = {
  /**
   * The device fingerprint the web client computes (a hash from `@thumbmarkjs/thumbmarkjs`):
   * 8–128 of `[A-Za-z0-9_-]`. Absent for scripted clients, which is itself a signal.
   */
  device: 'x-atrium-device',
  /** The IANA time zone the browser reports (`Intl.DateTimeFormat().resolvedOptions().timeZone`). */
  timeZone: 'x-atrium-timezone',
} as const;

/** The same names as the web client writes them. */
export const DEVICE_HEADER = 'X-Atrium-Device';
export const TIME_ZONE_HEADER = 'X-Atrium-Timezone';

/**
 * The web app's interface language (`en`, `zh-Hans`, …): labels the server writes (IP locations)
 * follow it for a viewer whose account names none, rather than the browser's Accept-Language
 * (which risk control reads as the browser sent it).
 */
export const INTERFACE_LOCALE_HEADER = 'X-Atrium-Locale';
