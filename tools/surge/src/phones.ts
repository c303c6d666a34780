import { getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';

// Mobile numbers that the server's own checks (libphonenumber-js/max) accept: the country's
// example mobile number keeps its leading digits (the carrier range), then one digit chosen per
// series, then six digits from a counter. Genuine people get scattered counters (a bijection of
// their index), SMS farms consecutive ones: that difference is what a velocity-per-prefix signal
// looks for. Each (country, series) owns its digit, so no two actors of a wave share a number.

const ACCEPTED_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);
/** Area codes for North American numbers, so they are not all in one range. */
const NANP_AREAS: Record<string, readonly string[]> = {
  US: ['201', '212', '305', '312', '415', '512', '617', '713', '206', '702'],
  CA: ['416', '604', '514', '403', '613'],
};

export interface PhoneSeries {
  country: string;
  prefix: string;
  callingCode: string;
}

/** Whether the server would take this number for a code (valid, a mobile type). */
export function acceptedMobile(e164: string): boolean {
  const parsed = parsePhoneNumberFromString(e164);
  return !!parsed && parsed.isValid() && ACCEPTED_TYPES.has(parsed.getType() ?? '');
}

/**
 * A series of numbers for `country`: `series` picks the area (North America) and the digit after
 * the carrier range. Null when none of the digits gives valid numbers.
 */
export function phoneSeries(country: string, series: number): PhoneSeries | null {
  const example = getExampleNumber(country as never, examples);
  if (!example) return null;
  const national = example.nationalNumber as string;
  const areas = NANP_AREAS[country];
  const base = areas ? areas[series % areas.length]! : national.slice(0, national.length - 7);
  const callingCode = example.countryCallingCode as string;
  // try the series' own digit first, then the others: some digits are not allocated
  for (let offset = 0; offset < 10; offset++) {
    const digit = (Math.floor(series / (areas?.length ?? 1)) + offset + 2) % 10;
    const prefix = `${base}${digit}`;
    if (
      acceptedMobile(`+${callingCode}${prefix}123456`) &&
      acceptedMobile(`+${callingCode}${prefix}987650`)
    ) {
      return { country, prefix, callingCode };
    }
  }
  return null;
}

const SCATTER = 7919; // prime, coprime with 10^6: index → counter is a bijection

/** The `index`-th number of a series: consecutive for farms, scattered otherwise. */
export function phoneNumber(
  series: PhoneSeries,
  index: number,
  options: { consecutive: boolean; start: number },
): string {
  const counter = options.consecutive
    ? (options.start + index) % 1_000_000
    : (options.start + index * SCATTER) % 1_000_000;
  return `+${series.callingCode}${series.prefix}${String(counter).padStart(6, '0')}`;
}
