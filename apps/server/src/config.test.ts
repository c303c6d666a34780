import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from './config.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'atrium-config-'));

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const cwd = dir();
    const config = loadConfig({}, cwd);
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '127.0.0.1',
      dataDir: path.join(cwd, 'data'),
      databaseUrl: null,
      trustProxy: [],
      demo: true,
      rateLimitsEnabled: true,
      riskEnabled: true,
      trustEnabled: true,
    });
  });

  it('reads how known-bad hash matches are treated, refusing inconsistent distances', () => {
    expect(loadConfig({}, dir()).hashMatch).toEqual({
      reviewDistance: 64,
      blockDistance: 48,
      action: 'block',
    });
    expect(
      loadConfig({ MEDIA_HASH_REVIEW_DISTANCE: '40', MEDIA_HASH_ACTION: 'review' }, dir())
        .hashMatch,
    ).toEqual({ reviewDistance: 40, blockDistance: 40, action: 'review' });
    expect(() => loadConfig({ MEDIA_HASH_BLOCK_DISTANCE: '70' }, dir())).toThrow(
      /MEDIA_HASH_BLOCK_DISTANCE/,
    );
    expect(() => loadConfig({ MEDIA_HASH_REVIEW_DISTANCE: '128' }, dir())).toThrow(
      /MEDIA_HASH_REVIEW_DISTANCE/,
    );
    expect(() => loadConfig({ MEDIA_HASH_ACTION: 'delete' }, dir())).toThrow(/MEDIA_HASH_ACTION/);
  });

  it('scores risk wherever rate limits apply, unless ATRIUM_RISK says otherwise', () => {
    expect(loadConfig({ ATRIUM_DISABLE_RATE_LIMITS: '1' }, dir()).riskEnabled).toBe(false);
    expect(
      loadConfig({ ATRIUM_DISABLE_RATE_LIMITS: '1', ATRIUM_RISK: 'on' }, dir()).riskEnabled,
    ).toBe(true);
    expect(loadConfig({ ATRIUM_RISK: 'off' }, dir()).riskEnabled).toBe(false);
    expect(() => loadConfig({ ATRIUM_RISK: 'maybe' }, dir())).toThrow(/ATRIUM_RISK/);
    expect(loadConfig({ ATRIUM_DISABLE_RATE_LIMITS: '1' }, dir()).trustEnabled).toBe(false);
    expect(loadConfig({ ATRIUM_TRUST: 'off' }, dir()).trustEnabled).toBe(false);
    expect(() => loadConfig({ ATRIUM_TRUST: 'maybe' }, dir())).toThrow(/ATRIUM_TRUST/);
  });

  it('requires TOTP of staff in production unless ATRIUM_STAFF_2FA says otherwise', () => {
    const production = { NODE_ENV: 'production', ATRIUM_SECRET: 'x'.repeat(32) };
    expect(loadConfig(production, dir()).staffSecondFactorRequired).toBe(true);
    expect(
      loadConfig({ ...production, ATRIUM_STAFF_2FA: 'optional' }, dir()).staffSecondFactorRequired,
    ).toBe(false);
    expect(loadConfig({}, dir()).staffSecondFactorRequired).toBe(false);
    expect(loadConfig({ ATRIUM_STAFF_2FA: 'required' }, dir()).staffSecondFactorRequired).toBe(
      true,
    );
    expect(() => loadConfig({ ATRIUM_STAFF_2FA: 'yes' }, dir())).toThrow(/ATRIUM_STAFF_2FA/);
  });

  it('keeps a generated secret in DATA_DIR across starts', () => {
    const cwd = dir();
    const first = loadConfig({}, cwd).secret;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(path.join(cwd, 'data', 'secret.key'), 'utf8').trim()).toBe(first);
    expect(loadConfig({}, cwd).secret).toBe(first);
  });

  it('turns demo content off by default with DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@localhost:5432/atrium' }, dir());
    expect(config.demo).toBe(false);
    expect(config.databaseUrl).toBe('postgres://u@localhost:5432/atrium');
  });

  it('runs one server process unless ATRIUM_WORKERS asks for more, which needs PostgreSQL', () => {
    expect(loadConfig({}, dir()).workers).toBe(1);
    const url = 'postgres://u@localhost:5432/atrium';
    expect(loadConfig({ DATABASE_URL: url, ATRIUM_WORKERS: '3' }, dir()).workers).toBe(3);
    expect(loadConfig({ DATABASE_URL: url, ATRIUM_WORKERS: 'auto' }, dir()).workers).toBe(
      availableParallelism(),
    );
    expect(() => loadConfig({ ATRIUM_WORKERS: '2' }, dir())).toThrow(
      /ATRIUM_WORKERS.*DATABASE_URL/,
    );
    expect(() => loadConfig({ DATABASE_URL: url, ATRIUM_WORKERS: 'many' }, dir())).toThrow(
      /ATRIUM_WORKERS/,
    );
  });

  it('does all the work unless ATRIUM_ROLE splits it, which needs PostgreSQL', () => {
    expect(loadConfig({}, dir()).role).toBe('all');
    const url = 'postgres://u@localhost:5432/atrium';
    expect(loadConfig({ DATABASE_URL: url, ATRIUM_ROLE: 'api' }, dir()).role).toBe('api');
    expect(loadConfig({ DATABASE_URL: url, ATRIUM_ROLE: 'worker' }, dir()).role).toBe('worker');
    expect(() => loadConfig({ ATRIUM_ROLE: 'worker' }, dir())).toThrow(/ATRIUM_ROLE.*DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: url, ATRIUM_ROLE: 'cron' }, dir())).toThrow(
      /ATRIUM_ROLE/,
    );
  });

  it('shares rate limits and caches through Redis only when REDIS_URL names one', () => {
    expect(loadConfig({}, dir()).redis).toBeNull();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/2' }, dir()).redis).toEqual({
      url: 'redis://127.0.0.1:6379/2',
      prefix: 'atrium:',
    });
    expect(
      loadConfig({ REDIS_URL: 'rediss://cache.internal:6380', REDIS_PREFIX: 'eu1:' }, dir()).redis,
    ).toEqual({ url: 'rediss://cache.internal:6380', prefix: 'eu1:' });
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' }, dir())).toThrow(/REDIS_URL/);
    // the password never reaches the message
    expect(() => loadConfig({ REDIS_URL: 'memcached://u:hunter2@x' }, dir())).toThrow(
      /^(?!.*hunter2).*REDIS_URL/,
    );
    expect(() =>
      loadConfig({ REDIS_URL: 'redis://127.0.0.1', REDIS_PREFIX: 'a b' }, dir()),
    ).toThrow(/REDIS_PREFIX/);
    const summary = describeConfig(
      loadConfig({ REDIS_URL: 'redis://:hunter2@cache:6379' }, dir()),
    ).join('\n');
    expect(summary).toContain('redis');
    expect(summary).not.toContain('hunter2');
  });

  it('records domain events for NATS JetStream only when NATS_URL names it', () => {
    expect(loadConfig({}, dir()).nats).toBeNull();
    expect(loadConfig({ NATS_URL: 'nats://127.0.0.1:4222' }, dir()).nats).toEqual({
      url: 'nats://127.0.0.1:4222',
      prefix: 'atrium',
    });
    expect(
      loadConfig({ NATS_URL: 'tls://a:4222, tls://b:4222', NATS_PREFIX: 'eu1' }, dir()).nats,
    ).toEqual({ url: 'tls://a:4222, tls://b:4222', prefix: 'eu1' });
    expect(() => loadConfig({ NATS_URL: 'redis://127.0.0.1:4222' }, dir())).toThrow(/NATS_URL/);
    // a prefix is a subject token and part of stream names: no dots, no spaces
    expect(() => loadConfig({ NATS_URL: 'nats://x', NATS_PREFIX: 'a.b' }, dir())).toThrow(
      /NATS_PREFIX/,
    );
    const summary = describeConfig(
      loadConfig({ NATS_URL: 'nats://u:hunter2@a:4222,nats://u:hunter2@b:4222' }, dir()),
    ).join('\n');
    expect(summary).toContain('nats');
    expect(summary).not.toContain('hunter2');
    // translation prefetch runs on workers, fed by NATS
    expect(loadConfig({}, dir()).translation.prefetch).toEqual([]);
    expect(
      loadConfig({ NATS_URL: 'nats://x', TRANSLATION_PREFETCH: 'en, zh-Hans,en' }, dir())
        .translation.prefetch,
    ).toEqual(['en', 'zh-Hans']);
    expect(() => loadConfig({ TRANSLATION_PREFETCH: 'en' }, dir())).toThrow(/NATS_URL/);
    expect(() =>
      loadConfig({ NATS_URL: 'nats://x', TRANSLATION_PREFETCH: 'en;rm -rf' }, dir()),
    ).toThrow(/TRANSLATION_PREFETCH/);
    expect(() => loadConfig({ NATS_URL: 'nats://u:hunter2@a,http://u:hunter2@b' }, dir())).toThrow(
      /^(?!.*hunter2).*NATS_URL/,
    );
  });

  it('bounds how long requests take to arrive, uploads by a minimum rate', () => {
    expect(loadConfig({}, dir()).timeouts).toEqual({
      requestMs: 30_000,
      uploadMinBytesPerSecond: 8192,
      uploadMs: 1_800_000,
    });
    const env = {
      REQUEST_TIMEOUT_MS: '5000',
      UPLOAD_MIN_BYTES_PER_SECOND: '1000',
      UPLOAD_TIMEOUT_MS: '60000',
    };
    expect(loadConfig(env, dir()).timeouts).toEqual({
      requestMs: 5000,
      uploadMinBytesPerSecond: 1000,
      uploadMs: 60_000,
    });
  });

  it('accepts proxy addresses and CIDRs', () => {
    const config = loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }, dir());
    expect(config.trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://x@y' }, 'DATABASE_URL'],
    [{ TRUST_PROXY: 'proxy.local' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ ATRIUM_DEMO: 'yes' }, 'ATRIUM_DEMO'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ALERT_WEBHOOK_URL: 'hooks.example.org/x' }, 'ALERT_WEBHOOK_URL'],
    [{ ALERT_WEBHOOK_URL: 'ftp://hooks.example.org/x' }, 'ALERT_WEBHOOK_URL'],
    [{ ATRIUM_SECRET: 'short' }, 'ATRIUM_SECRET'],
    [{ REQUEST_TIMEOUT_MS: '0' }, 'REQUEST_TIMEOUT_MS'],
    [{ UPLOAD_MIN_BYTES_PER_SECOND: 'fast' }, 'UPLOAD_MIN_BYTES_PER_SECOND'],
    [{ REQUEST_TIMEOUT_MS: '60000', UPLOAD_TIMEOUT_MS: '30000' }, 'UPLOAD_TIMEOUT_MS'],
    [{ RETENTION_NETWORK_DAYS: '0' }, 'RETENTION_NETWORK_DAYS'],
    [{ RETENTION_RISK_EVENT_DAYS: 'half a year' }, 'RETENTION_RISK_EVENT_DAYS'],
    [{ NODE_ENV: 'production' }, 'ATRIUM_SECRET'],
    [
      { NODE_ENV: 'production', ATRIUM_SECRET: 'x'.repeat(32), ATRIUM_DISABLE_RATE_LIMITS: '1' },
      'ATRIUM_DISABLE_RATE_LIMITS',
    ],
  ])('refuses %o naming %s', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env, dir());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toContain(variable);
  });

  it('summarizes without secrets', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://atrium:hunter2@db:5432/atrium',
        ATRIUM_SECRET: 's'.repeat(40),
        ALERT_WEBHOOK_URL: 'https://hooks.example.org/services/T000/B000/chatsecret',
      },
      dir(),
    );
    const summary = describeConfig(config).join('\n');
    expect(summary).toContain('PostgreSQL');
    expect(summary).not.toContain('hunter2');
    expect(summary).not.toContain('s'.repeat(40));
    // a chat webhook's path is its secret: only the host is said
    expect(summary).toContain('webhook to hooks.example.org');
    expect(summary).not.toContain('chatsecret');
  });
  it('takes the vault keys from a key file under DATA_DIR by default, or from the environment', () => {
    const base = dir();
    const defaults = loadConfig({ DATA_DIR: 'd' }, base);
    expect(defaults.keys).toEqual({
      kind: 'file',
      file: path.join(base, 'd', 'keys', 'atrium-keys.json'),
    });
    expect(loadConfig({ ATRIUM_KEY_FILE: '/etc/atrium/keys.json' }, base).keys).toEqual({
      kind: 'file',
      file: '/etc/atrium/keys.json',
    });
    const kek = 'k'.repeat(43);
    const env = loadConfig(
      {
        ATRIUM_KEYS: 'env',
        ATRIUM_KEK_a1: kek,
        ATRIUM_KEK_CURRENT: 'a1',
        ATRIUM_BLIND_INDEX_KEY: 'b',
      },
      base,
    );
    expect(env.keys).toEqual({
      kind: 'env',
      env: { ATRIUM_KEK_a1: kek, ATRIUM_KEK_CURRENT: 'a1', ATRIUM_BLIND_INDEX_KEY: 'b' },
    });
    // the banner names where the keys are, never a key
    expect(describeConfig(env).join('\n')).not.toContain(kek);
    expect(() => loadConfig({ ATRIUM_KEYS: 'vault' }, base)).toThrow(ConfigError);
  });
});
