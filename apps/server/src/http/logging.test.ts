import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, IPS, type TestApp } from '../../test/helper.js';
import { scrubText } from './logging.js';

describe('scrubText', () => {
  it.each([
    ['call +86 138 0013 8000 now', 'call [digits] now'],
    ['code 123456', 'code [digits]'],
    ['mail ana.b@example.org', 'mail [email]'],
    ['Bearer atr_abc.def', 'Bearer [redacted]'],
    ['token atr_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123', 'token [token]'],
  ])('masks %s', (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it.each([
    'listening on http://127.0.0.1:3000',
    'request 01a1fe23-0118-7000-aebb-b828a830ddd7',
    'took 12 ms',
  ])('leaves %s readable', (input) => {
    expect(scrubText(input)).toBe(input);
  });
});

describe('logs of a full sign-up', () => {
  let test: TestApp;
  beforeEach(async () => {
    test = await buildTestApp({ LOG_LEVEL: 'trace' });
  });
  afterEach(async () => {
    await test.close();
  });

  it('contain no phone number, code, token or e-mail address', async () => {
    const phone = '+8613800138000';
    const client = test.client({ ip: IPS.GUANGDONG });
    const started = await client.auth.phoneStart({ phone: '+86 138-0013-8000' });
    const outbox = await client.dev.outbox(phone);
    const code = outbox.items[0]!.code!;
    const verified = await client.auth.phoneVerify({
      verificationId: started.verificationId,
      code,
      handle: 'lin',
    });
    // a failing request too: its error must not echo the input
    await client.auth.phoneVerify({ verificationId: started.verificationId, code }).catch(() => {});
    await test.client({ token: verified.token }).me.get();
    await test
      .client()
      .auth.signup({
        email: 'ana@example.org',
        password: 'correct horse battery staple',
        handle: 'lin',
      })
      .catch(() => {});

    const all = test.logs.join('\n');
    expect(test.logs.length).toBeGreaterThan(8);
    expect(all).toContain('incoming request');
    for (const secret of [
      phone,
      '13800138000',
      '138-0013-8000',
      code,
      verified.token,
      verified.token.slice(4),
      'ana@example.org',
      'correct horse battery staple',
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
