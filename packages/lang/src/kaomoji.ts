/**
 * Kaomoji and text emoticons: ¯\_(ツ)_/¯, (╯°□°）╯︵ ┻━┻, ʕ•ᴥ•ʔ, (´・ω・`), ^_^. They are drawn
 * with letters of other scripts (ツ and ヮ are katakana, ω Greek, ʖ IPA, ಥ Kannada) and would
 * otherwise vote for Japanese, Greek or Kannada. Detection removes them; they say nothing about
 * the language of a post.
 */

// Letters that kaomoji borrow for eyes, mouths, noses and arms.
// Arms outside the brackets too: hugging づ/つ, waving ヽ ヾ ゞ ﾉ, ლ (Georgian), σ pointing,
// flexing ᕦ ᕤ.
const FACE_LETTERS = new Set([...'ツシヮﾉﾟノっωзʖᴥʕʔಠಥᵔᵕᐛᕕᕗᕙᕘᐖงςДㅅ∀ᗜᴗづつヽヾゞლσᕦᕤ']);
// A bracketed group drawn mostly with symbols: a face. "(笑)" and "(see below)" are words.
const FACE = /[(（][^()（）\n]{1,20}[)）]/gu;
const LETTER = /\p{L}/u;
// ˇ ˘ ʼ…: drawn as eyebrows and accents, letters only to Unicode
const SPACING_MODIFIER = /[\u02B0-\u02FF]/u;
const SYMBOL = /[^\p{L}\p{N}\s]/u;
// Western emoticons and the East Asian ones without brackets.
const EMOTICON =
  /(?<!\S)(?:[:;=8xX][-'^o]?[)(\][DPpOo3/\\|*]+|\^[_.oω-]?\^|[Tt;][_.][Tt;]|[oO0]_[oO0]|>_<|-_-|xD+|XD+|<3+)(?!\S)/gu;
const TRIGGER = /[(（)）^:;=<ʕʔ¯╯┻ᕕᕗ٩۶ﾉノงづヽヾლᕦ]|[xX]D|[Tt]_/u;

function isFace(group: string): boolean {
  const inside = group.slice(1, -1);
  let letters = 0;
  let faceLetters = 0;
  let hanOnly = true;
  let symbols = 0;
  for (const char of inside) {
    if (LETTER.test(char) && !SPACING_MODIFIER.test(char)) {
      letters++;
      if (FACE_LETTERS.has(char)) faceLetters++;
      if (!/\p{Script=Han}/u.test(char)) hanOnly = false;
    } else if (SYMBOL.test(char) || SPACING_MODIFIER.test(char)) symbols++;
  }
  if (letters === 0) return inside.trim() !== '' && symbols > 0;
  if (hanOnly) return false; // (笑), (汗): Japanese words, evidence of the language
  // all face letters, or one other among them (a mouth: ಠ益ಠ), or a letter or two among symbols
  return (
    faceLetters === letters ||
    (faceLetters >= 2 && faceLetters >= letters - 1) ||
    (letters <= 2 && symbols > 0)
  );
}

function isFaceToken(token: string): boolean {
  let letters = 0;
  let faceLetters = 0;
  let symbols = 0;
  for (const char of token) {
    if (LETTER.test(char)) {
      letters++;
      if (FACE_LETTERS.has(char)) faceLetters++;
    } else if (SYMBOL.test(char)) symbols++;
  }
  return letters > 0
    ? faceLetters === letters && letters <= 4 && (symbols > 0 || letters <= 2)
    : false;
}

/** The text without kaomoji and emoticons (each replaced by a space). */
export function stripKaomoji(text: string): string {
  if (!TRIGGER.test(text)) return text;
  const withoutFaces = text
    .replace(FACE, (group) => (isFace(group) ? ' ' : group))
    .replace(EMOTICON, ' ');
  // What is left of a face around its brackets: ¯\_ _/¯, ╯︵ ┻━┻, ﾉ*:･ﾟ✧, ʕ•ᴥ•ʔ, ᕕ ᕗ.
  return withoutFaces
    .split(/(\s+)/)
    .map((token) => (isFaceToken(token) ? ' ' : token))
    .join('');
}
