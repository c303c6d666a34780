/**
 * Letter-like characters that no language writes words with and that NFKC leaves alone: the
 * small capitals of the phonetic blocks (`ᴇsᴄᴏʀᴛs`). They fold to their letter everywhere.
 * Letters of real orthographies that look similar (ɛ and ɔ of Akan and Lingala, ı of Turkish)
 * are not here: they are exact letters of their languages.
 */
const SMALL_CAPITALS: Record<string, string> = {
  a: 'ᴀ',
  ae: 'ᴁ',
  b: 'ʙᴃ',
  c: 'ᴄ',
  d: 'ᴅ',
  e: 'ᴇ',
  f: 'ꜰ',
  g: 'ɢ',
  h: 'ʜ',
  i: 'ɪ',
  j: 'ᴊ',
  k: 'ᴋ',
  l: 'ʟᴌ',
  m: 'ᴍ',
  n: 'ɴ',
  o: 'ᴏ',
  oe: 'ɶ',
  p: 'ᴘ',
  q: 'ꞯ',
  r: 'ʀ',
  s: 'ꜱ',
  t: 'ᴛ',
  u: 'ᴜ',
  v: 'ᴠ',
  w: 'ᴡ',
  y: 'ʏ',
  z: 'ᴢ',
};

/** Letter-like character → the letters it stands for. */
export const LETTER_LIKE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SMALL_CAPITALS).flatMap(([letters, forms]) =>
    [...forms].map((form) => [form, letters]),
  ),
);
