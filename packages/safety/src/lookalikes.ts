/**
 * Look-alike letters for tokens that call for them (token-fold.ts): mixed-script tokens and
 * tokens whose script differs from the text around them (Unicode TS #39). Unicode's confusables
 * prototypes miss many of the letters attackers actually type (Cyrillic г for r, п for n, ь for
 * b; Greek τ for t, ν for v), so these come first; confusables fill in the rest.
 */
import { CONFUSABLES } from './data/confusables.generated.js';

/** By exact character first (capitals look different from small letters: Ζ is Z, ζ is not z). */
const ATTACKER_LOOKALIKES: Record<string, string> = {
  // Greek capitals
  Α: 'a',
  Β: 'b',
  Ε: 'e',
  Ζ: 'z',
  Η: 'h',
  Ι: 'i',
  Κ: 'k',
  Μ: 'm',
  Ν: 'n',
  Ο: 'o',
  Ρ: 'p',
  Τ: 't',
  Υ: 'y',
  Χ: 'x',
  // Greek small letters
  α: 'a',
  β: 'b',
  γ: 'y',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  μ: 'u',
  ν: 'v',
  ο: 'o',
  π: 'n',
  ρ: 'p',
  σ: 'o',
  ς: 's',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ϲ: 'c',
  // Cyrillic capitals
  А: 'a',
  В: 'b',
  Е: 'e',
  К: 'k',
  М: 'm',
  Н: 'h',
  О: 'o',
  Р: 'p',
  С: 'c',
  Т: 't',
  У: 'y',
  Х: 'x',
  Ѕ: 's',
  І: 'i',
  Ј: 'j',
  Ӏ: 'l',
  // Cyrillic small letters
  а: 'a',
  в: 'b',
  г: 'r',
  е: 'e',
  ё: 'e',
  є: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  п: 'n',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  ў: 'y',
  х: 'x',
  ш: 'w',
  ь: 'b',
  ъ: 'b',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ӏ: 'l',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  // Armenian
  ա: 'w',
  հ: 'h',
  ո: 'n',
  ս: 'u',
  ց: 'g',
  օ: 'o',
  զ: 'q',
};

const ASCII_LETTERS = /^[a-z]{1,2}$/;
const LOOKALIKE_SCRIPT =
  /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}\p{Script=Common}]$/u;
const INHERITED_MARKS = /\p{Script=Inherited}/gu;

/** The Latin letters a character stands for in a disguised token, or undefined. */
export function lookalikeOf(char: string): string | undefined {
  const attacker = ATTACKER_LOOKALIKES[char] ?? ATTACKER_LOOKALIKES[char.toLowerCase()];
  if (attacker !== undefined) return attacker;
  // ASCII is never folded onto something else (`0` is not `O`, `1` is not `l`): that is leet's job.
  if (char < '\u0080' || !LOOKALIKE_SCRIPT.test(char)) return undefined;
  const prototype = CONFUSABLES[char];
  if (prototype === undefined) return undefined;
  const plain = prototype.normalize('NFD').replace(INHERITED_MARKS, '').toLowerCase();
  return ASCII_LETTERS.test(plain) ? plain : undefined;
}
