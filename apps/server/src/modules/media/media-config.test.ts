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
