import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  IPS,
  signUpByEmail,
  signUpByPhone,
  type TestApp,
} from '../../../test/helper.js';

let test: TestApp;
beforeEach(async () => {
  test = await buildTestApp();
});
afterEach(async () => {
  await test.close();
});

describe('GET /api/users/:handle', () => {
  it('shows the IP location as a label in the viewer language', async () => {
    await signUpByPhone(test, { phone: '+8613800138000', handle: 'lin', ip: IPS.GUANGDONG });
    const english = await test.app.inject({
      method: 'GET',
      url: '/api/users/LIN',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(english.statusCode).toBe(200);
    expect(english.json()).toMatchObject({ handle: 'lin', ipLocation: 'Guangdong' });
    expect(english.json().viewer).toBeUndefined();
    const chinese = await test.app.inject({
      method: 'GET',
      url: '/api/users/lin',
      headers: { 'accept-language': 'zh-CN,zh;q=0.9' },
    });
    expect(chinese.json().ipLocation).toBe('广东');
    // a signed-in viewer's interface language wins over the header
    const viewer = await signUpByEmail(test, 'ana_b', IPS.US);
    await test.client({ token: viewer.token }).me.update({ locale: 'zh-Hans' });
    const signedIn = await test.client({ token: viewer.token }).users.get('lin');
    expect(signedIn.ipLocation).toBe('广东');
    expect(signedIn.viewer).toEqual({ following: false, followedBy: false, blocking: false });
    expect((await test.client().users.get('ana_b')).ipLocation).toBe('United States');
  });

  it('has no location for a private or unknown address', async () => {
    await signUpByEmail(test, 'local_user', '10.0.0.7');
    const profile = await test.client().users.get('local_user');
    expect(profile.ipLocation).toBeNull();
  });

  it('answers 404 NOT_FOUND for an unknown handle', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/users/nobody_here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
  });
});
