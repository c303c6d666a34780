import { isDisposableEmailDomain } from 'disposable-email-domains-js';
import { fire, type MaybeSignal, overBudget } from './signal.js';

/**
 * The shape of a handle or name: letters kept (lower-cased, accents and script kept), each run of
 * digits replaced by `#` per digit, separators dropped. `anna_1234` and `Anna.5678` share
 * `anna####`; farms generate names from one template and a counter.
 */
export function nameTemplate(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\p{Nd}/gu, '#')
    .replace(/[\s._\-·•]+/gu, '');
}

/** Three digits or more in a row: a number in a name that reads as a counter, not a choice. */
const COUNTER = /\p{Nd}{3,}/u;

/**
 * The template of a name that carries a counter (three digits or more in a row), else
 * null. `anna_2` and `anna_7` share `anna#` by chance in any large wave — people add a digit when
 * their name is taken —, so only names with a counter are counted together.
 */
export function counterTemplate(name: string): string | null {
  return COUNTER.test(name) ? nameTemplate(name) : null;
}

/** A handle that looks generated: a word and a counter of four digits or more, or mostly digits. */
export function handleTemplateSignal(handle: string): MaybeSignal {
  const digits = handle.replace(/\D/g, '').length;
  if (/^[a-z]+[._]?\d{4,}$/.test(handle)) return fire('handle_template', 10);
  if (handle.length >= 6 && digits / handle.length > 0.6) return fire('handle_template', 10);
  return null;
}

/** Sign-ups sharing one name template within the window: one operator with a counter. */
export function nameTemplateVelocitySignal(count: number): MaybeSignal {
  const points = overBudget(count, 3, 8, 40);
  return points > 0 ? fire('name_template_velocity', points) : null;
}

/** An address at a throwaway-mailbox provider (the `disposable-email-domains-js` list). */
export function disposableEmailSignal(email: string | null): MaybeSignal {
  if (!email) return null;
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return domain && isDisposableEmailDomain(domain) ? fire('disposable_email', 30) : null;
}
