import { endianness } from 'node:os';

/**
 * A sorted list of range starts with one value per range. A range runs from its start up to the
 * next start, and together they cover the whole address space, so a lookup is one binary search
 * for the last start at or below the address. Value index 0 means "no data".
 *
 * IPv6 starts are four big-endian 32-bit words per entry, laid out flat.
 */
export interface RangeTable {
  /** Interned values; index 0 is always '' (no data). */
  values: readonly string[];
  ipv4Starts: Uint32Array;
  ipv4Values: Uint16Array;
  ipv6Starts: Uint32Array;
  ipv6Values: Uint16Array;
}

export const NO_VALUE = 0;

export function findIpv4Value(table: RangeTable, address: number): number {
  const starts = table.ipv4Starts;
  let low = 0;
  let high = starts.length - 1;
  if (high < 0 || address < starts[0]!) return NO_VALUE;
  // Invariant: starts[low] <= address, and every index above high starts beyond it.
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (starts[middle]! <= address) low = middle;
    else high = middle - 1;
  }
  return table.ipv4Values[low]!;
}

export function findIpv6Value(table: RangeTable, words: readonly number[]): number {
  const starts = table.ipv6Starts;
  let low = 0;
  let high = starts.length / 4 - 1;
  if (high < 0 || compareIpv6(starts, 0, words) > 0) return NO_VALUE;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (compareIpv6(starts, middle * 4, words) <= 0) low = middle;
    else high = middle - 1;
  }
  return table.ipv6Values[low]!;
}

function compareIpv6(starts: Uint32Array, at: number, words: readonly number[]): number {
  for (let index = 0; index < 4; index++) {
    const difference = starts[at + index]! - words[index]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Collects ranges in ascending order and merges neighbours that carry the same value, which
 * shrinks the city-level source (millions of leaves) to a few hundred thousand ranges.
 */
export class RangeTableBuilder {
  private readonly values: string[] = [''];
  private readonly valueIndexes = new Map<string, number>([['', NO_VALUE]]);
  private readonly ipv4 = new GrowableUint32Array();
  private readonly ipv4Values = new GrowableUint16Array();
  private readonly ipv6 = new GrowableUint32Array();
  private readonly ipv6Values = new GrowableUint16Array();

  /** `start` must not be below the previous IPv4 start. */
  addIpv4(start: number, value: string | number): void {
    const index = typeof value === 'number' ? value : this.intern(value);
    if (this.ipv4Values.length > 0 && this.ipv4Values.last() === index) return;
    this.ipv4.push(start);
    this.ipv4Values.push(index);
  }

  /** `start` (four words) must not be below the previous IPv6 start. */
  addIpv6(start: ArrayLike<number>, value: string | number): void {
    const index = typeof value === 'number' ? value : this.intern(value);
    if (this.ipv6Values.length > 0 && this.ipv6Values.last() === index) return;
    for (let word = 0; word < 4; word++) this.ipv6.push(start[word]!);
    this.ipv6Values.push(index);
  }

  /** The index a value is stored under; pass it to the add methods to skip the string lookup. */
  intern(value: string): number {
    let index = this.valueIndexes.get(value);
    if (index === undefined) {
      index = this.values.length;
      if (index > 0xffff) throw new Error('Range table supports at most 65535 distinct values');
      this.values.push(value);
      this.valueIndexes.set(value, index);
    }
    return index;
  }

  build(): RangeTable {
    return {
      values: [...this.values],
      ipv4Starts: this.ipv4.toArray(),
      ipv4Values: this.ipv4Values.toArray(),
      ipv6Starts: this.ipv6.toArray(),
      ipv6Values: this.ipv6Values.toArray(),
    };
  }
}

class GrowableUint32Array {
  private buffer = new Uint32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Uint32Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = value;
  }
  toArray(): Uint32Array {
    return this.buffer.slice(0, this.length);
  }
}

class GrowableUint16Array {
  private buffer = new Uint16Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Uint16Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = value;
  }
  last(): number {
    return this.buffer[this.length - 1]!;
  }
  toArray(): Uint16Array {
    return this.buffer.slice(0, this.length);
  }
}

// File layout: magic, header length (uint32 LE), JSON header padded to 4 bytes, then the typed
// arrays in native byte order (32-bit ones first, so each stays aligned for zero-copy views).
const MAGIC = Buffer.from('AGEO', 'latin1');
const FORMAT_VERSION = 1;

interface TableFileHeader {
  format: number;
  byteOrder: string;
  /** Identifies the source data; a mismatch means the file is stale. */
  source: string;
  values: string[];
  ipv4Count: number;
  ipv6Count: number;
}

export function serializeRangeTable(table: RangeTable, source: string): Buffer {
  const header: TableFileHeader = {
    format: FORMAT_VERSION,
    byteOrder: endianness(),
    source,
    values: [...table.values],
    ipv4Count: table.ipv4Starts.length,
    ipv6Count: table.ipv6Starts.length / 4,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const padding = (4 - ((8 + json.length) % 4)) % 4;
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length + padding);
  const bytes = (array: Uint32Array | Uint16Array): Buffer =>
    Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  return Buffer.concat([
    MAGIC,
    length,
    json,
    Buffer.alloc(padding, 0x20),
    bytes(table.ipv4Starts),
    bytes(table.ipv6Starts),
    bytes(table.ipv4Values),
    bytes(table.ipv6Values),
  ]);
}

/**
 * Reads a table written by `serializeRangeTable`. Returns null when the file is from another
 * format version, byte order or source, or is truncated, so the caller rebuilds it.
 */
export function deserializeRangeTable(file: Buffer, expectedSource: string): RangeTable | null {
  if (file.length < 8 || !file.subarray(0, 4).equals(MAGIC)) return null;
  const headerLength = file.readUInt32LE(4);
  let header: TableFileHeader;
  try {
    header = JSON.parse(file.toString('utf8', 8, 8 + headerLength)) as TableFileHeader;
  } catch {
    return null;
  }
  if (
    header.format !== FORMAT_VERSION ||
    header.byteOrder !== endianness() ||
    header.source !== expectedSource
  ) {
    return null;
  }
  const ipv4Bytes = header.ipv4Count * 4;
  const ipv6Bytes = header.ipv6Count * 16;
  const start = 8 + headerLength;
  const expectedLength = start + ipv4Bytes + ipv6Bytes + (header.ipv4Count + header.ipv6Count) * 2;
  if (file.length !== expectedLength) return null;
  // Views need their byte offset aligned to the element size; copy once if the buffer is not.
  const aligned = file.byteOffset % 4 === 0 ? file : new Uint8Array(file);
  const base = aligned.byteOffset;
  const arrayBuffer = aligned.buffer;
  return {
    values: header.values,
    ipv4Starts: new Uint32Array(arrayBuffer, base + start, header.ipv4Count),
    ipv6Starts: new Uint32Array(arrayBuffer, base + start + ipv4Bytes, header.ipv6Count * 4),
    ipv4Values: new Uint16Array(
      arrayBuffer,
      base + start + ipv4Bytes + ipv6Bytes,
      header.ipv4Count,
    ),
    ipv6Values: new Uint16Array(
      arrayBuffer,
      base + start + ipv4Bytes + ipv6Bytes + header.ipv4Count * 2,
      header.ipv6Count,
    ),
  };
}
