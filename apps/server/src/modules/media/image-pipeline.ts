import sharp, { type Metadata } from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import { mediaError } from './media.errors.js';
import { type PerceptualHashes, perceptualHashes } from './perceptual-hash.js';

export const sourceFormats = ['jpeg', 'png', 'webp', 'gif'] as const;
export type SourceFormat = (typeof sourceFormats)[number];

/** The detail size is at most this wide (never upscaled)… */
export const DETAIL_WIDTH = 1080;
/** …and the card size for feeds at most this wide. */
export const CARD_WIDTH = 540;
/** WebP cannot encode a side longer than this: very tall images are scaled to fit. */
const WEBP_MAX_SIDE = 16_383;
const WEBP_QUALITY = 82;
/** thumbhash works on at most 100×100 pixels. */
const PLACEHOLDER_SIDE = 100;

export interface ImageLimits {
  maxBytes: number;
  /** Width × height × frames a source may decode to (decompression bombs). */
  maxPixels: number;
}

export interface EncodedImage {
  bytes: Buffer;
  width: number;
  /** Of one frame when animated. */
  height: number;
}

export interface ProcessedImage {
  source: SourceFormat;
  animated: boolean;
  mime: 'image/webp';
  detail: EncodedImage;
  card: EncodedImage;
  /** thumbhash, base64. */
  placeholder: string;
  /**
   * The hash bank's perceptual hash of the detail image, whole and as its crop variants
   * (docs/media.md, "Known-bad hashes"): the hash checker and the farm graph read it.
   */
  phash: PerceptualHashes;
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/**
 * The format of an upload from its first bytes. The file name and the declared content type are
 * the client's claims and are never consulted.
 */
export function sniffImageFormat(bytes: Uint8Array): SourceFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  return null;
}

function isPixelLimitError(error: unknown): boolean {
  return error instanceof Error && /pixel limit/i.test(error.message);
}

async function encode(
  input: Buffer,
  options: { animated: boolean; maxPixels: number; width: number; rotate: boolean },
): Promise<EncodedImage> {
  let pipeline = sharp(input, {
    animated: options.animated,
    limitInputPixels: options.maxPixels,
  });
  // Auto-orient from EXIF before anything else, or rotated photos come out sideways.
  if (options.rotate) pipeline = pipeline.rotate();
  // No withMetadata()/keepExif(): sharp drops EXIF (GPS included), XMP and IPTC by default.
  const { data, info } = await pipeline
    .resize({
      width: options.width,
      height: WEBP_MAX_SIDE,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .webp({ quality: WEBP_QUALITY, effort: 4 })
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.pageHeight ?? info.height };
}

async function thumbhashOf(image: Buffer): Promise<string> {
  // The first frame of an animation stands for it.
  const { data, info } = await sharp(image)
    .resize(PLACEHOLDER_SIDE, PLACEHOLDER_SIDE, { fit: 'inside' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString('base64');
}

/**
 * Checks and re-encodes an upload: type by content, byte and pixel limits, then auto-rotate,
 * strip all metadata and re-encode to WebP at the detail and card sizes, with a thumbhash.
 * Animated GIF and WebP stay animated (animated WebP). The card is made from the detail image,
 * so identical details always have identical cards (the dedupe and cleanup rely on it).
 */
export async function processImage(bytes: Buffer, limits: ImageLimits): Promise<ProcessedImage> {
  if (bytes.length > limits.maxBytes) {
    throw mediaError('TOO_LARGE', `Images may be at most ${limits.maxBytes} bytes`);
  }
  const source = sniffImageFormat(bytes);
  if (!source) throw mediaError('UNSUPPORTED_MEDIA', 'This is not a JPEG, PNG, WebP or GIF image');

  // Reads the header only: dimensions are known before a single pixel is decoded.
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw mediaError('UNSUPPORTED_MEDIA', 'The image cannot be read');
  }
  if (metadata.format !== source || !metadata.width || !metadata.height) {
    throw mediaError('UNSUPPORTED_MEDIA', 'The image cannot be read');
  }
  const frames = metadata.pages ?? 1;
  const animated = (source === 'gif' || source === 'webp') && frames > 1;
  const pixels = metadata.width * metadata.height * (animated ? frames : 1);
  if (pixels > limits.maxPixels) {
    throw mediaError(
      'TOO_LARGE',
      `Images may have at most ${limits.maxPixels} pixels (this one has ${pixels})`,
    );
  }

  try {
    const detail = await encode(bytes, {
      animated,
      maxPixels: limits.maxPixels,
      width: DETAIL_WIDTH,
      rotate: true,
    });
    const card = await encode(detail.bytes, {
      animated,
      maxPixels: limits.maxPixels,
      width: CARD_WIDTH,
      rotate: false,
    });
    const placeholder = await thumbhashOf(detail.bytes);
    const phash = await perceptualHashes(detail.bytes);
    return { source, animated, mime: 'image/webp', detail, card, placeholder, phash };
  } catch (error) {
    if (isPixelLimitError(error)) throw mediaError('TOO_LARGE');
    // A header that parses over a body that does not (truncated or corrupt data).
    throw mediaError('UNSUPPORTED_MEDIA', 'The image cannot be decoded');
  }
}
