// Images made at test time, so the suite ships no binary fixtures.
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

type Format = 'jpeg' | 'png' | 'webp' | 'gif';

/** A solid image of the given size and format (with a gradient-free colour: small and fast). */
export function makeImage(
  format: Format,
  width = 64,
  height = 48,
  colour = { r: 200, g: 40, b: 90 },
): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .toFormat(format)
    .toBuffer();
}

/** A two-frame animated GIF. */
export async function makeAnimatedGif(width = 60, height = 40): Promise<Buffer> {
  const frames = await Promise.all(
    ['red', 'blue'].map((background) =>
      sharp({ create: { width, height, channels: 3, background } })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(frames, { join: { animated: true } })
    .gif({ delay: [100, 100], loop: 0 })
    .toBuffer();
}

/** A JPEG carrying EXIF with GPS coordinates and, optionally, an orientation. */
export function makeJpegWithExif(
  options: { width?: number; height?: number; orientation?: number } = {},
): Promise<Buffer> {
  const { width = 100, height = 50, orientation } = options;
  let image = sharp({ create: { width, height, channels: 3, background: 'green' } }).jpeg();
  // Fixture only: sharp writes the orientation tag itself, ignoring one given to withExif.
  if (orientation) image = image.withMetadata({ orientation });
  return image
    .withExif({
      IFD0: { Make: 'TestCam' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '39/1 54/1 2604/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '116/1 23/1 2916/100',
      },
    })
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A valid 1-bit greyscale PNG of `side` × `side` pixels, all black: tens of kilobytes on disk,
 * hundreds of megabytes once decoded — a decompression bomb.
 */
export function makePngBomb(side = 20_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rowBytes = 1 + Math.ceil(side / 8); // filter byte + packed pixels
  const pixels = deflateSync(Buffer.alloc(rowBytes * side), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
