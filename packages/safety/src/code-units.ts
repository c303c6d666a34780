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
