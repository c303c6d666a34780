import { DEVICE_HEADER, TIME_ZONE_HEADER } from '@atrium/contracts';

/**
 * What the web app tells the server's risk control about this browser (docs/risk.md): its time
 * zone and a device fingerprint. Both go in headers on every API request, through the object
 * the API client spreads into each request's headers (filled in as the fingerprint is ready).
 */
export const deviceHeaders: Record<string, string> = {};

try {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (timeZone) deviceHeaders[TIME_ZONE_HEADER] = timeZone;
} catch {
  // a browser without Intl time zones sends none
}

let fingerprint: Promise<string | null> | null = null;

/**
 * Computes the fingerprint once (ThumbmarkJS, in the page, no server of theirs: its sampled
 * logging is turned off, and our CSP would block it anyway) and puts it in the headers. Sign-in
 * forms await it, so their requests carry it; it never fails them (null when it cannot run).
 */
export function deviceReady(): Promise<string | null> {
  fingerprint ??= import('@thumbmarkjs/thumbmarkjs')
    .then(({ Thumbmark }) => new Thumbmark({ logging: false, timeout: 3_000 }).get())
    .then((result) => {
      const hash = result.thumbmark;
      if (/^[A-Za-z0-9_-]{8,128}$/.test(hash)) deviceHeaders[DEVICE_HEADER] = hash;
      return hash;
    })
    .catch(() => null);
  return fingerprint;
}
