import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeAnimatedGif, makeImage, makePngBomb } from '../../../test/fixtures/images.js';
import { DomainError } from '../../http/errors.js';
import { processImage, sniffImageFormat } from './image-pipeline.js';

const limits = { maxBytes: 20 * 1024 * 1024, maxPixels: 40_000_000 };

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('sniffImageFormat', () => {
  it.each(['jpeg', 'png', 'webp', 'gif'] as const)('recognizes %s by its bytes', async (format) => {
    expect(sniffImageFormat(await makeImage(format))).toBe(format);
  });

  it.each([
    ['text', Buffer.from('GIF? no, just text')],
    ['a WAV file (RIFF, not WEBP)', Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_name, bytes) => {
    expect(sniffImageFormat(bytes)).toBeNull();
  });
});

describe('processImage', () => {
  it('refuses bytes over the limit before decoding', async () => {
    const png = await makeImage('png', 16, 16);
    const error = await refusal(processImage(png, { ...limits, maxBytes: png.length - 1 }));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.status).toBe(413);
  });

  it('refuses more pixels than allowed, counting every frame of an animation', async () => {
    const gif = await makeAnimatedGif(60, 40); // 2 × 2400 px
    const error = await refusal(processImage(gif, { ...limits, maxPixels: 4000 }));
    expect(error.code).toBe('TOO_LARGE');
    expect((await processImage(gif, { ...limits, maxPixels: 4800 })).animated).toBe(true);
  });

  it('refuses a decompression bomb from its header, fast', async () => {
    const started = performance.now();
    const error = await refusal(processImage(makePngBomb(20_000), limits));
    expect(error.code).toBe('TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('makes a WebP detail, a WebP card from it, and a thumbhash', async () => {
    const image = await processImage(await makeImage('jpeg', 1600, 1200), limits);
    expect(image).toMatchObject({ source: 'jpeg', animated: false, mime: 'image/webp' });
    expect(image.detail).toMatchObject({ width: 1080, height: 810 });
    expect(image.card).toMatchObject({ width: 540, height: 405 });
    expect(await sharp(image.card.bytes).metadata()).toMatchObject({ format: 'webp', width: 540 });
    // thumbhash: a few dozen bytes, base64
    expect(image.placeholder).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(image.placeholder, 'base64').length).toBeLessThan(40);
  });

  it('fits very tall images inside what WebP can encode', async () => {
    const image = await processImage(await makeImage('png', 10, 20_000), limits);
    expect(image.detail.height).toBeLessThanOrEqual(16_383);
    expect(image.detail.width).toBeGreaterThan(0);
  });
});
