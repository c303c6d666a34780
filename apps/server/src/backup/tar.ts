/**
 * Just enough of the POSIX tar format (ustar) for backups: regular files with relative names,
 * written and read as a stream. A backup file is therefore readable by `tar tf` and `tar xf`,
 * with no archive package to depend on.
 */

const BLOCK = 512;
const END = Buffer.alloc(BLOCK * 2);

/** The bytes are not a tar archive, or one this reader does not handle. */
export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

function writeField(header: Buffer, offset: number, length: number, value: string): void {
  header.write(value, offset, length, 'utf8');
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

function checksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 0x20 : (header[i] as number);
  return sum;
}

/** The 512-byte header of a regular file, `name` split over ustar's prefix and name fields. */
export function tarHeader(name: string, size: number, mtime: Date, mode = 0o600): Buffer {
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 155);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
    if (cut <= 0 || Buffer.byteLength(base) > 100 || Buffer.byteLength(prefix) > 155) {
      throw new TarFormatError(`name too long for tar: ${name}`);
    }
  }
  const header = Buffer.alloc(BLOCK);
  writeField(header, 0, 100, base);
  writeField(header, 100, 8, octal(mode, 8));
  writeField(header, 108, 8, octal(0, 8));
  writeField(header, 116, 8, octal(0, 8));
  writeField(header, 124, 12, octal(size, 12));
  writeField(header, 136, 12, octal(Math.floor(mtime.getTime() / 1000), 12));
  writeField(header, 156, 1, '0');
  writeField(header, 257, 6, 'ustar\0');
  writeField(header, 263, 2, '00');
  writeField(header, 345, 155, prefix);
  writeField(header, 148, 8, `${checksum(header).toString(8).padStart(6, '0')}\0 `);
  return header;
}

/** Zero bytes that complete a file's content to a whole block. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** The two zero blocks that end an archive. */
export function tarEnd(): Buffer {
  return END;
}

/** One archive member as the archive holds it. */
export interface TarEntry {
  name: string;
  content: Buffer;
}

function readString(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function parseHeader(block: Buffer): { name: string; size: number; type: string } {
  if (readString(block, 257, 6) !== 'ustar') throw new TarFormatError('not a ustar archive');
  const recorded = Number.parseInt(readString(block, 148, 8).trim(), 8);
  if (recorded !== checksum(block)) throw new TarFormatError('a tar header fails its checksum');
  const size = Number.parseInt(readString(block, 124, 12).trim() || '0', 8);
  if (!Number.isSafeInteger(size) || size < 0) throw new TarFormatError('bad entry size');
  const prefix = readString(block, 345, 155);
  const base = readString(block, 0, 100);
  return { name: prefix ? `${prefix}/${base}` : base, size, type: readString(block, 156, 1) };
}

/** Bytes received and not yet read, kept as the chunks they came in: no copy per chunk. */
class Pending {
  private parts: Buffer[] = [];
  length = 0;

  push(chunk: Buffer): void {
    this.parts.push(chunk);
    this.length += chunk.length;
  }

  /** The next `size` bytes (the caller checked that they are here). */
  take(size: number): Buffer {
    const out = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const part = this.parts[0] as Buffer;
      const wanted = size - filled;
      if (part.length <= wanted) {
        part.copy(out, filled);
        filled += part.length;
        this.parts.shift();
      } else {
        part.copy(out, filled, 0, wanted);
        this.parts[0] = part.subarray(wanted);
        filled = size;
      }
    }
    this.length -= size;
    return out;
  }
}

/**
 * The regular files of an archive arriving as chunks, each whole in memory (backup members are
 * images and one database image, which PGlite needs whole anyway). Other member types (the
 * directories `tar` itself adds) are skipped.
 */
export async function* readTar(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<TarEntry> {
  const pending = new Pending();
  let entry: { name: string; size: number; type: string } | null = null;
  let ended = false;
  for await (const chunk of chunks) {
    if (ended) continue; // what follows the end blocks is padding to the record size
    pending.push(Buffer.from(chunk));
    for (;;) {
      if (entry === null) {
        if (pending.length < BLOCK) break;
        const block = pending.take(BLOCK);
        if (block.every((byte) => byte === 0)) {
          ended = true;
          break;
        }
        entry = parseHeader(block);
      } else {
        const padding = tarPadding(entry.size).length;
        if (pending.length < entry.size + padding) break;
        const content = pending.take(entry.size);
        pending.take(padding);
        const { name, type } = entry;
        entry = null;
        if (type === '0' || type === '' || type === '\0') yield { name, content };
      }
    }
  }
  if (!ended) throw new TarFormatError('the archive ends early (a truncated or partial file?)');
}
