import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'atrium-media-config-'));

describe('media configuration', () => {
  it('defaults to 20 MiB and 40 million pixels', () => {
    const config = loadConfig({ NODE_ENV: 'test' }, dir());
    expect(config.mediaMaxBytes).toBe(20 * 1024 * 1024);
    expect(config.mediaMaxPixels).toBe(40_000_000);
  });

  it('reads MEDIA_MAX_BYTES and MEDIA_MAX_PIXELS', () => {
    const config = loadConfig(
      { NODE_ENV: 'test', MEDIA_MAX_BYTES: '5000000', MEDIA_MAX_PIXELS: '1000000' },
      dir(),
    );
    expect(config).toMatchObject({ mediaMaxBytes: 5_000_000, mediaMaxPixels: 1_000_000 });
  });

  it.each([
    ['MEDIA_MAX_BYTES', '20MB'],
    ['MEDIA_MAX_BYTES', '0'],
    ['MEDIA_MAX_BYTES', '-1'],
    ['MEDIA_MAX_PIXELS', '4e7'],
    ['MEDIA_MAX_PIXELS', '99999999999999999999'],
  ])('refuses %s=%s naming the variable', (variable, value) => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'test', [variable]: value }, dir());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
  });
});

describe('media store configuration', () => {
  it('keeps media on local disk by default', () => {
    expect(loadConfig({ NODE_ENV: 'test' }, dir()).mediaStore).toEqual({ kind: 'local' });
  });

  it('reads an S3-compatible service, path-style by default when an endpoint is named', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'test',
        MEDIA_STORE: 's3',
        MEDIA_S3_BUCKET: 'atrium-media',
        MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000/',
        MEDIA_S3_ACCESS_KEY_ID: 'key',
        MEDIA_S3_SECRET_ACCESS_KEY: 'secret',
        MEDIA_S3_PREFIX: 'prod/media/',
      },
      dir(),
    );
    expect(config.mediaStore).toEqual({
      kind: 's3',
      bucket: 'atrium-media',
      prefix: 'prod/media/',
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      accessKeyId: 'key',
      secretAccessKey: 'secret',
      forcePathStyle: true,
    });
  });

  it('reads AWS S3: a region, virtual-hosted addressing, the SDK credential chain', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'test',
        MEDIA_STORE: 's3',
        MEDIA_S3_BUCKET: 'atrium-media',
        MEDIA_S3_REGION: 'eu-west-3',
      },
      dir(),
    );
    expect(config.mediaStore).toMatchObject({
      endpoint: null,
      region: 'eu-west-3',
      accessKeyId: null,
      secretAccessKey: null,
      forcePathStyle: false,
    });
  });

  it.each([
    [{ MEDIA_STORE: 'ftp' }, 'MEDIA_STORE'],
    [{ MEDIA_STORE: 's3' }, 'MEDIA_S3_BUCKET'],
    [{ MEDIA_STORE: 's3', MEDIA_S3_BUCKET: 'Not_A_Bucket' }, 'MEDIA_S3_BUCKET'],
    [
      { MEDIA_STORE: 's3', MEDIA_S3_BUCKET: 'b1b', MEDIA_S3_ENDPOINT: 'minio:9000' },
      'MEDIA_S3_ENDPOINT',
    ],
    [
      { MEDIA_STORE: 's3', MEDIA_S3_BUCKET: 'b1b', MEDIA_S3_ACCESS_KEY_ID: 'k' },
      'MEDIA_S3_SECRET_ACCESS_KEY',
    ],
    [
      { MEDIA_STORE: 's3', MEDIA_S3_BUCKET: 'b1b', MEDIA_S3_SECRET_ACCESS_KEY: 's' },
      'MEDIA_S3_ACCESS_KEY_ID',
    ],
    [{ MEDIA_STORE: 's3', MEDIA_S3_BUCKET: 'b1b', MEDIA_S3_PREFIX: 'media' }, 'MEDIA_S3_PREFIX'],
    [
      { MEDIA_STORE: 's3', MEDIA_S3_BUCKET: 'b1b', MEDIA_S3_FORCE_PATH_STYLE: 'yes' },
      'MEDIA_S3_FORCE_PATH_STYLE',
    ],
  ])('refuses %o naming %s', (env, variable) => {
    expect(() => loadConfig({ NODE_ENV: 'test', ...env }, dir())).toThrow(
      expect.objectContaining({ variable }),
    );
  });
});

describe('video configuration', () => {
  it('defaults to 200 MiB, 5 minutes, 4096×2160, 18,000 frames, 10 minutes, ffmpeg from PATH', () => {
    expect(loadConfig({ NODE_ENV: 'test' }, dir()).video).toEqual({
      maxBytes: 200 * 1024 * 1024,
      maxDurationSeconds: 300,
      maxPixels: 4096 * 2160,
      maxFrames: 18_000,
      timeoutMs: 600_000,
      ffmpegPath: null,
      ffprobePath: null,
    });
  });

  it('reads the MEDIA_VIDEO_* limits and the ffmpeg paths', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'test',
        MEDIA_VIDEO_MAX_BYTES: '1000000',
        MEDIA_VIDEO_MAX_SECONDS: '60',
        MEDIA_VIDEO_MAX_PIXELS: '921600',
        MEDIA_VIDEO_MAX_FRAMES: '1800',
        MEDIA_VIDEO_TIMEOUT_SECONDS: '90',
        FFMPEG_PATH: '/opt/ffmpeg/bin/ffmpeg',
        FFPROBE_PATH: '/opt/ffmpeg/bin/ffprobe',
      },
      dir(),
    );
    expect(config.video).toEqual({
      maxBytes: 1_000_000,
      maxDurationSeconds: 60,
      maxPixels: 921_600,
      maxFrames: 1800,
      timeoutMs: 90_000,
      ffmpegPath: '/opt/ffmpeg/bin/ffmpeg',
      ffprobePath: '/opt/ffmpeg/bin/ffprobe',
    });
  });

  it.each([
    ['MEDIA_VIDEO_MAX_SECONDS', '5m'],
    ['MEDIA_VIDEO_MAX_FRAMES', '0'],
    ['FFMPEG_PATH', 'bin/ffmpeg'],
  ])('refuses %s=%s naming the variable', (variable, value) => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'test', [variable]: value }, dir());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
  });
});
