import parsePhoneNumber from 'libphonenumber-js/max';
import { fire, type MaybeSignal, overBudget } from './signal.js';

/**
 * What the full metadata says about a number (accounts already refuses fixed lines, VoIP and
 * the like: these are the types it lets through).
 */
export function phoneFacts(e164: string): { country: string | null; type: string | null } {
  const parsed = parsePhoneNumber(e164);
  return { country: parsed?.country ?? null, type: parsed?.getType() ?? null };
}

/**
 * A line type that is not plainly mobile. US and Canadian numbers are always
 * `FIXED_LINE_OR_MOBILE` in the metadata, so that alone adds nothing there; elsewhere it means
 * the range is not known to be mobile. No type at all means a range the metadata does not know.
 */
export function phoneLineTypeSignal(type: string | null, country: string | null): MaybeSignal {
  if (type === 'MOBILE') return null;
  if (type === 'FIXED_LINE_OR_MOBILE') {
    return country === 'US' || country === 'CA' ? null : fire('phone_line_type', 5);
  }
  return fire('phone_line_type', 15);
}

/**
 * The block of 100 numbers a number is in (its E.164 without the last two digits): SMS farms
 * buy consecutive ranges, so many sign-ups from one block are one buyer.
 */
export function phoneRange(e164: string): string {
  return e164.slice(0, -2);
}

/** Numbers of one block signing up within the window. */
export function phoneRangeVelocitySignal(count: number): MaybeSignal {
  const points = overBudget(count, 2, 12, 45);
  return points > 0 ? fire('phone_range_velocity', points) : null;
}

/** A number from one country used from an address in another (travellers do; farms more). */
export function phoneCountryMismatchSignal(
  phoneCountry: string | null,
  ipCountry: string | null,
): MaybeSignal {
  return phoneCountry && ipCountry && phoneCountry !== ipCountry
    ? fire('phone_country_mismatch', 10)
    : null;
}
