/**
 * The UTF-16 code units of a text, copied once per scan into a reused typed array. The scan
 * reads every code unit several times (token pass, CJK check, main loop, word walks); reading a
 * typed array is several times cheaper than `charCodeAt`, above all on the sliced and
 * concatenated strings that `trim`, `slice` and `+` produce. Where Node's `Buffer` exists the
 * copy is one native call; elsewhere (a browser) a plain loop.
 */

interface NodeBuffer {
  write(text: string, offset: number, encoding: 'utf16le'): number;
}
interface NodeBufferClass {
  from(buffer: ArrayBuffer, byteOffset: number, length: number): NodeBuffer;
}

const NODE_BUFFER = (globalThis as { Buffer?: NodeBufferClass }).Buffer;
/** Below this length a loop is cheaper than the native call. */
const NATIVE_FROM = 24;
/** A little-endian machine: the bytes of UTF-16LE are the code units of a Uint16Array. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export class CodeUnits {
  units = new Uint16Array(256);
  private view: NodeBuffer | undefined;

  /** The code units of `text` (valid up to `text.length`; the array may be longer). */
  of(text: string): Uint16Array {
    const length = text.length;
    if (this.units.length < length) {
      this.units = new Uint16Array(Math.max(length, this.units.length * 2));
      this.view = undefined;
    }
    const units = this.units;
    if (length >= NATIVE_FROM && NODE_BUFFER !== undefined && LITTLE_ENDIAN) {
      if (this.view === undefined)
        this.view = NODE_BUFFER.from(units.buffer, units.byteOffset, units.byteLength);
      this.view.write(text, 0, 'utf16le');
    } else {
      for (let k = 0; k < length; k++) units[k] = text.charCodeAt(k);
    }
    return units;
  }

  /** Lets go of a buffer grown for one very long text. */
  release(): void {
    if (this.units.length > 1 << 16) {
      this.units = new Uint16Array(256);
      this.view = undefined;
    }
  }
}

/** Per code unit, what the scan's later steps look for (read in the token pass). */
/** CJK, Hangul, compatibility ideographs, half-width kana and Hangul: a text with none of these is
 * scanned with the narrow automaton (`WIDE_UNIT` in matcher.ts). */
export const UNIT_WIDE = 1;
export const UNIT_CONTACT_DIGIT = 2; // a digit a phone number is written with (contacts.ts)
export const UNIT_SLASH = 4; // `/` or `／`: a link may be there
export const UNIT_ID_MARK = 8; // `:` `@` `_` (and full-width): a messenger ID may be there

export const UNIT_HINTS = ((): Uint8Array => {
  const hints = new Uint8Array(0x10000);
  for (let c = 0x2e80; c < 0x10000; c++) {
    if (c < 0xd800 || (c >= 0xf900 && c < 0xfb00) || (c >= 0xff61 && c < 0xffe0))
      hints[c] = UNIT_WIDE;
  }
  const digits = [0x30, 0xff10, 0x0660, 0x06f0, 0x0966, 0x0e50];
  for (const zero of digits) for (let d = 0; d < 10; d++) hints[zero + d]! |= UNIT_CONTACT_DIGIT;
  for (const c of [0x2f, 0xff0f]) hints[c]! |= UNIT_SLASH;
  for (const c of [0x3a, 0x40, 0x5f, 0xff1a, 0xff20, 0xff3f]) hints[c]! |= UNIT_ID_MARK;
  return hints;
})();
