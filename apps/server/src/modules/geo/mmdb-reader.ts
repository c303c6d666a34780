/**
 * Just enough of the MaxMind DB format (https://maxmind.github.io/MaxMind-DB/) to walk a whole
 * search tree once and read a few string fields per record. We only use it to derive the compact
 * range table; lookups never touch the MMDB files, which are too large to keep in memory.
 */

const METADATA_MARKER = Buffer.from('\xab\xcd\xefMaxMind.com', 'latin1');
// The marker sits in the last 128 KiB of a file by specification.
const METADATA_SEARCH_WINDOW = 128 * 1024;

export interface MmdbMetadata {
  nodeCount: number;
  recordSize: 24 | 28 | 32;
  ipVersion: 4 | 6;
  /** Byte offset where the data section starts (search tree plus its 16-byte separator). */
  dataSectionStart: number;
}

type MmdbValue = string | number | boolean | bigint | Buffer | MmdbValue[] | MmdbMap | null;
interface MmdbMap {
  [key: string]: MmdbValue;
}

export function readMmdbMetadata(file: Buffer): MmdbMetadata {
  const windowStart = Math.max(0, file.length - METADATA_SEARCH_WINDOW);
  const markerAt = file.lastIndexOf(METADATA_MARKER);
  if (markerAt < windowStart) throw new Error('Not a MaxMind DB file: metadata marker missing');
  const metadataStart = markerAt + METADATA_MARKER.length;
  const [metadata] = decodeValue(file, metadataStart, metadataStart);
  if (!isMap(metadata)) throw new Error('MaxMind DB metadata is not a map');
  const nodeCount = Number(metadata.node_count);
  const recordSize = Number(metadata.record_size);
  const ipVersion = Number(metadata.ip_version);
  if (recordSize !== 24 && recordSize !== 28 && recordSize !== 32) {
    throw new Error(`Unsupported MaxMind DB record size ${recordSize}`);
  }
  if (ipVersion !== 4 && ipVersion !== 6) throw new Error(`Unsupported IP version ${ipVersion}`);
  const searchTreeSize = (nodeCount * recordSize * 2) / 8;
  return { nodeCount, recordSize, ipVersion, dataSectionStart: searchTreeSize + 16 };
}

/**
 * Visits every leaf of the search tree in ascending address order. Leaves partition the whole
 * address space, so consecutive calls describe contiguous ranges. `start` holds the first address
 * as four big-endian 32-bit words (IPv4 trees use only the first word) and is reused between calls.
 * `dataOffset` is an absolute file offset of the record, or null where the tree has no data.
 */
export function walkMmdbLeaves(
  file: Buffer,
  metadata: MmdbMetadata,
  onLeaf: (start: Uint32Array, dataOffset: number | null) => void,
): void {
  const { nodeCount, recordSize, dataSectionStart } = metadata;
  const addressBits = metadata.ipVersion === 4 ? 32 : 128;
  const nodeBytes = (recordSize * 2) / 8;
  const start = new Uint32Array(4);

  const readRecord = (node: number, right: boolean): number => {
    const at = node * nodeBytes;
    if (recordSize === 24) {
      return right ? file.readUIntBE(at + 3, 3) : file.readUIntBE(at, 3);
    }
    if (recordSize === 28) {
      const middle = file[at + 3]!;
      return right
        ? (middle & 0x0f) * 0x1000000 + file.readUIntBE(at + 4, 3)
        : (middle >>> 4) * 0x1000000 + file.readUIntBE(at, 3);
    }
    return right ? file.readUInt32BE(at + 4) : file.readUInt32BE(at);
  };

  const visit = (record: number): void => {
    if (record === nodeCount) onLeaf(start, null);
    else onLeaf(start, record - nodeCount - 16 + dataSectionStart);
  };

  // Recursion depth is bounded by the address width (at most 128 frames).
  const descend = (node: number, depth: number): void => {
    const left = readRecord(node, false);
    if (left < nodeCount && depth + 1 < addressBits) descend(left, depth + 1);
    else visit(left);
    const word = depth >>> 5;
    const bit = (1 << (31 - (depth & 31))) >>> 0;
    start[word] = start[word]! | bit;
    const right = readRecord(node, true);
    if (right < nodeCount && depth + 1 < addressBits) descend(right, depth + 1);
    else visit(right);
    start[word] = start[word]! & ~bit;
  };
  descend(0, 0);
}

/**
 * Reads the named top-level string fields of the record at `offset`, skipping everything else
 * without building it. Missing or non-string fields come back as ''.
 */
export function readMmdbStringFields<Key extends string>(
  file: Buffer,
  metadata: MmdbMetadata,
  offset: number,
  keys: readonly Key[],
): Record<Key, string> {
  const result = Object.fromEntries(keys.map((key) => [key, ''])) as Record<Key, string>;
  let at = offset;
  let header = readHeader(file, at, metadata.dataSectionStart);
  if (header.type === POINTER) header = readHeader(file, header.target, metadata.dataSectionStart);
  if (header.type !== MAP) return result;
  at = header.next;
  for (let pair = 0; pair < header.size; pair++) {
    const [key, afterKey] = decodeValue(file, at, metadata.dataSectionStart);
    if (typeof key === 'string' && (keys as readonly string[]).includes(key)) {
      const [value, afterValue] = decodeValue(file, afterKey, metadata.dataSectionStart);
      if (typeof value === 'string') result[key as Key] = value;
      at = afterValue;
    } else {
      at = skipValue(file, afterKey, metadata.dataSectionStart);
    }
  }
  return result;
}

const POINTER = 1;
const MAP = 7;

interface Header {
  type: number;
  size: number;
  /** Offset just after the header (and after a pointer's own bytes). */
  next: number;
  /** For pointers: the absolute offset pointed to. */
  target: number;
}

function readHeader(file: Buffer, offset: number, pointerBase: number): Header {
  const control = file[offset]!;
  let at = offset + 1;
  let type = control >>> 5;
  if (type === POINTER) {
    const sizeClass = (control >>> 3) & 0x3;
    const high = control & 0x7;
    let pointer: number;
    if (sizeClass === 0) pointer = high * 0x100 + file[at]!;
    else if (sizeClass === 1) pointer = high * 0x10000 + file.readUInt16BE(at) + 2048;
    else if (sizeClass === 2) pointer = high * 0x1000000 + file.readUIntBE(at, 3) + 526336;
    else pointer = file.readUInt32BE(at);
    return { type, size: 0, next: at + sizeClass + 1, target: pointerBase + pointer };
  }
  if (type === 0) {
    type = 7 + file[at]!;
    at += 1;
  }
  let size = control & 0x1f;
  if (size === 29) {
    size = 29 + file[at]!;
    at += 1;
  } else if (size === 30) {
    size = 285 + file.readUInt16BE(at);
    at += 2;
  } else if (size === 31) {
    size = 65821 + file.readUIntBE(at, 3);
    at += 3;
  }
  return { type, size, next: at, target: 0 };
}

function skipValue(file: Buffer, offset: number, pointerBase: number): number {
  const header = readHeader(file, offset, pointerBase);
  switch (header.type) {
    case POINTER:
      return header.next;
    case MAP: {
      let at = header.next;
      for (let index = 0; index < header.size * 2; index++) at = skipValue(file, at, pointerBase);
      return at;
    }
    case 11: {
      let at = header.next;
      for (let index = 0; index < header.size; index++) at = skipValue(file, at, pointerBase);
      return at;
    }
    case 3:
      return header.next + 8; // double: the size field is always 8
    case 14:
      return header.next; // boolean: the value lives in the size field
    default:
      return header.next + header.size;
  }
}

function decodeValue(file: Buffer, offset: number, pointerBase: number): [MmdbValue, number] {
  const header = readHeader(file, offset, pointerBase);
  const { next, size } = header;
  switch (header.type) {
    case POINTER:
      // A pointer's value is whatever it points to; decoding resumes after the pointer itself.
      return [decodeValue(file, header.target, pointerBase)[0], next];
    case 2:
      return [file.toString('utf8', next, next + size), next + size];
    case 3:
      return [file.readDoubleBE(next), next + 8];
    case 4:
      return [file.subarray(next, next + size), next + size];
    case 5:
    case 6:
    case 8:
      return [size === 0 ? 0 : file.readUIntBE(next, size), next + size];
    case 9:
    case 10: {
      let value = 0n;
      for (let index = 0; index < size; index++)
        value = (value << 8n) | BigInt(file[next + index]!);
      return [value, next + size];
    }
    case MAP: {
      const map: MmdbMap = {};
      let at = next;
      for (let pair = 0; pair < size; pair++) {
        const [key, afterKey] = decodeValue(file, at, pointerBase);
        const [value, afterValue] = decodeValue(file, afterKey, pointerBase);
        map[String(key)] = value;
        at = afterValue;
      }
      return [map, at];
    }
    case 11: {
      const items: MmdbValue[] = [];
      let at = next;
      for (let index = 0; index < size; index++) {
        const [item, after] = decodeValue(file, at, pointerBase);
        items.push(item);
        at = after;
      }
      return [items, at];
    }
    case 14:
      return [size !== 0, next];
    case 15:
      return [file.readFloatBE(next), next + 4];
    default:
      return [null, next + size];
  }
}

function isMap(value: MmdbValue): value is MmdbMap {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value)
  );
}
