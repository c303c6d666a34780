import { BIO_MAX, DISPLAY_NAME_MAX } from '@atrium/contracts';
import { skeletonWords } from '@atrium/safety';
import { commonError } from '../../http/errors.js';
import { accountsError } from './accounts.errors.js';
import { displayNameImpersonatesStaff, handleImpersonatesStaff } from './impersonation.js';

/**
 * Names of the platform's pages and services, reserved as whole handles. Compared after
 * dropping `_` and `.` (`ad.min`), and by skeleton (`s3ttings`). Names that pass for staff
 * anywhere in a handle (`admin_2`, `atrium_official`) are `impersonation.ts`'s.
 */
const RESERVED = new Set([
  'about',
  'abuse',
  'account',
  'accounts',
  'admin',
  'administrator',
  'api',
  'app',
  'atrium',
  'auth',
  'billing',
  'blog',
  'collects',
  'compose',
  'contact',
  'dev',
  'discover',
  'docs',
  'explore',
  'feed',
  'feeds',
  'following',
  'help',
  'home',
  'info',
  'legal',
  'login',
  'logout',
  'mail',
  'me',
  'mod',
  'moderation',
  'moderator',
  'moderators',
  'news',
  'nobody',
  'note',
  'notes',
  'null',
  'official',
  'postmaster',
  'privacy',
  'root',
  'safety',
  'search',
  'security',
  'settings',
  'signin',
  'signup',
  'staff',
  'static',
  'status',
  'support',
  'system',
  'team',
  'terms',
  'topic',
  'topics',
  'undefined',
  'user',
  'users',
  'webmaster',
  'www',
]);

const RESERVED_SKELETONS = new Set([...RESERVED].map((name) => skeletonWords(name).join('')));

const HANDLE = /^[a-z0-9_.]{3,30}$/;

/** Lower-cases and checks a handle; throws HANDLE_INVALID or HANDLE_RESERVED. */
export function normalizeHandle(input: string): string {
  const handle = input.trim().toLowerCase();
  if (!HANDLE.test(handle)) throw accountsError('HANDLE_INVALID');
  if (
    RESERVED.has(handle.replace(/[_.]/g, '')) ||
    RESERVED_SKELETONS.has(skeletonWords(handle).join('')) ||
    handleImpersonatesStaff(handle)
  ) {
    throw accountsError('HANDLE_RESERVED');
  }
  return handle;
}

// Control characters, and format characters that reorder or hide text (bidi overrides, zero-width
// joiners at the edges are trimmed below; the bidi controls are refused outright).
const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
const EDGE_INVISIBLES = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/gu;

/**
 * A display name in any script: trimmed, 1–40 characters, no control or bidi characters, and
 * (unless `mayPassForStaff`: staff and the operator's own accounts) nothing that passes for
 * the platform or its staff (DISPLAY_NAME_RESERVED).
 */
export function normalizeDisplayName(
  input: string,
  options: { mayPassForStaff?: boolean } = {},
): string {
  const name = input.normalize('NFC').replace(EDGE_INVISIBLES, '');
  const length = [...name].length;
  if (length === 0 || length > DISPLAY_NAME_MAX || CONTROL.test(name)) {
    throw accountsError(
      'DISPLAY_NAME_INVALID',
      `Use 1–${DISPLAY_NAME_MAX} characters without control characters`,
    );
  }
  if (!options.mayPassForStaff && displayNameImpersonatesStaff(name)) {
    throw accountsError('DISPLAY_NAME_RESERVED');
  }
  return name;
}

/** A bio: up to 500 characters; line breaks allowed, other control characters refused. */
export function normalizeBio(input: string): string {
  const bio = input.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if ([...bio].length > BIO_MAX || CONTROL.test(bio.replace(/[\n\t]/g, ''))) {
    throw commonError(
      'VALIDATION_FAILED',
      `A bio has at most ${BIO_MAX} characters and no control characters`,
      {
        fields: [{ field: '/body/bio', message: 'is not valid' }],
      },
    );
  }
  return bio;
}

const EMAIL = /^[^\s@"<>()[\],;:]+@[^\s@"<>()[\],;:]+\.[^\s@"<>()[\],;:]{2,}$/u;

/** Lower-cased e-mail address; throws EMAIL_INVALID. */
export function normalizeEmail(input: string): string {
  const email = input.trim().normalize('NFC').toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw accountsError('EMAIL_INVALID');
  return email;
}
