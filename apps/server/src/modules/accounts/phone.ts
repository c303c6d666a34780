import { type CountryCode, parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { accountsError } from './accounts.errors.js';

// Types that cannot receive an SMS code or are favoured by account farms (VoIP, premium lines).
const REFUSED_TYPES = new Set([
  'FIXED_LINE',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'VOIP',
  'PAGER',
  'UAN',
  'VOICEMAIL',
]);

/**
 * Parses a phone number written in any common format into E.164, using `countryHint` (the
 * caller's pick, else the country of their IP) for national formats. Throws INVALID_PHONE for
 * invalid numbers and for known non-mobile types. Uses the `/max` metadata: smaller builds report
 * no type for CN, BR or IN numbers.
 */
export function parseMobileNumber(input: string, countryHint: string | null): string {
  let parsed: ReturnType<typeof parsePhoneNumberWithError>;
  try {
    parsed = parsePhoneNumberWithError(input, {
      defaultCountry: (countryHint ?? undefined) as CountryCode | undefined,
      extract: false,
    });
  } catch {
    throw accountsError('INVALID_PHONE', 'This is not a phone number');
  }
  if (!parsed.isValid()) throw accountsError('INVALID_PHONE', 'This is not a valid phone number');
  const type = parsed.getType();
  if (type && REFUSED_TYPES.has(type)) {
    throw accountsError('INVALID_PHONE', 'Use a mobile number: this one cannot receive codes');
  }
  return parsed.number;
}
