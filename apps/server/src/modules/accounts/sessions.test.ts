import { AtriumError } from '@atrium/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, signUpByEmail, type TestApp } from '../../../test/helper.js';

let test: TestApp;
beforeEach(async () => {
  test = await buildTestApp();
});
afterEach(async () => {
  await test.close();
});

function cookiesOf(response: { headers: Record<string, unknown> }): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const line of [response.headers['set-cookie']].flat() as string[]) {
    const [pair] = line.split(';');
    const [name, value] = pair!.split('=');
    jar[name!] = value!;
  }
  return jar;
}

describe('sessions', () => {
  it('stores only the SHA-256 of the token', async () => {
    const { token } = await signUpByEmail(test, 'ana_b');
    const rows = await test.database.db.selectFrom('sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash.length).toBe(32);
    expect(rows[0]!.token_hash.toString('latin1')).not.toContain(token);
  });

  it('GET /api/me needs a session: 401 UNAUTHENTICATED without or with a bad token', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer atr_nope' },
      { authorization: 'Basic x' },
    ]) {
      const response = await test.app.inject({ method: 'GET', url: '/api/me', headers });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('an expired session no longer works', async () => {
    const { token } = await signUpByEmail(test, 'ana_b');
    await test.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1) })
      .execute();
    const response = await test.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(401);
  });

  it('logout ends the session and clears the cookies', async () => {
    const { token } = await signUpByEmail(test, 'ana_b');
    const client = test.client({ token });
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(204);
    expect(String(response.headers['set-cookie'])).toContain('atrium_session=;');
    await expect(client.me.get()).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const row = await test.database.db
      .selectFrom('sessions')
      .select('revoked_at')
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
  });

  it('rotation gives a new token and the old one stops working', async () => {
    const { token } = await signUpByEmail(test, 'ana_b');
    const rotated = await test.client({ token }).auth.rotate();
    expect(rotated.token).not.toBe(token);
    await expect(test.client({ token }).me.get()).rejects.toMatchObject({ status: 401 });
    expect((await test.client({ token: rotated.token }).me.get()).handle).toBe('ana_b');
  });

  it('lists own sessions and revokes one; another account cannot see or revoke them', async () => {
    const first = await signUpByEmail(test, 'ana_b');
    const second = await test
      .client()
      .auth.login({ login: 'ana_b', password: 'correct horse battery staple' });
    const other = await signUpByEmail(test, 'bo_c');
    const mine = await test.client({ token: second.token }).me.sessions();
    expect(mine.items).toHaveLength(2);
    expect(mine.items.filter((session) => session.current)).toHaveLength(1);
    const firstSession = mine.items.find((session) => !session.current)!;
    // someone else's session id looks like no session at all
    await expect(
      test.client({ token: other.token }).me.revokeSession(firstSession.id),
    ).rejects.toMatchObject({ status: 404, code: 'SESSION_NOT_FOUND' });
    await test.client({ token: second.token }).me.revokeSession(firstSession.id);
    await expect(test.client({ token: first.token }).me.get()).rejects.toBeInstanceOf(AtriumError);
    expect((await test.client({ token: second.token }).me.sessions()).items).toHaveLength(1);
  });

  it('cookie sessions need the CSRF token on writes, not on reads', async () => {
    const signup = await test.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: {
        email: 'ana@example.org',
        password: 'correct horse battery staple',
        handle: 'ana_b',
      },
    });
    const jar = cookiesOf(signup);
    const cookie = `atrium_session=${jar.atrium_session}`;
    const read = await test.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(read.statusCode).toBe(200);
    const forged = await test.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie },
      payload: { bio: 'hacked' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('CSRF_FAILED');
    const wrong = await test.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie, 'x-csrf-token': 'guess' },
      payload: { bio: 'hacked' },
    });
    expect(wrong.statusCode).toBe(403);
    const row = await test.database.db
      .selectFrom('accounts')
      .select('bio')
      .executeTakeFirstOrThrow();
    expect(row.bio).toBe('');
    const allowed = await test.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie, 'x-csrf-token': jar.atrium_csrf! },
      payload: { bio: 'hello' },
    });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().bio).toBe('hello');
  });

  it('rotating a cookie session re-issues the CSRF token; the old one stops working', async () => {
    const signup = await test.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: {
        email: 'ana@example.org',
        password: 'correct horse battery staple',
        handle: 'ana_b',
      },
    });
    const before = cookiesOf(signup);
    const rotate = await test.app.inject({
      method: 'POST',
      url: '/api/auth/rotate',
      headers: {
        cookie: `atrium_session=${before.atrium_session}`,
        'x-csrf-token': before.atrium_csrf!,
      },
    });
    expect(rotate.statusCode).toBe(200);
    const after = cookiesOf(rotate);
    expect(after.atrium_session).not.toBe(before.atrium_session);
    expect(after.atrium_csrf).toBeTruthy();
    expect(after.atrium_csrf).not.toBe(before.atrium_csrf);
    const cookie = `atrium_session=${after.atrium_session}`;
    const stale = await test.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie, 'x-csrf-token': before.atrium_csrf! },
      payload: { bio: 'with the old token' },
    });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe('CSRF_FAILED');
    const fresh = await test.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie, 'x-csrf-token': after.atrium_csrf! },
      payload: { bio: 'with the new token' },
    });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().bio).toBe('with the new token');
  });
});

describe('GET and PATCH /api/me', () => {
  it('returns the own account without phone number or e-mail', async () => {
    const { token } = await signUpByEmail(test, 'ana_b');
    const response = await test.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('example.org');
    expect(response.json()).toMatchObject({
      handle: 'ana_b',
      counts: { notes: 0, followers: 0, following: 0, likesReceived: 0 },
      hasEmail: true,
      hasPhone: false,
    });
  });

  it('updates display name, bio, languages and locale', async () => {
    const { token } = await signUpByEmail(test, 'ana_b');
    const updated = await test.client({ token }).me.update({
      displayName: 'Ana Beatriz',
      bio: 'Fotógrafa.\nSão Paulo',
      languages: ['pt', 'en'],
      locale: 'pt-BR',
    });
    expect(updated).toMatchObject({
      displayName: 'Ana Beatriz',
      bio: 'Fotógrafa.\nSão Paulo',
      languages: ['pt', 'en'],
      locale: 'pt-BR',
    });
    const row = await test.database.db.selectFrom('accounts').selectAll().executeTakeFirstOrThrow();
    expect(row.languages).toEqual(['pt', 'en']);
  });

  it.each([
    ['an empty display name', { displayName: '' }, 'DISPLAY_NAME_INVALID'],
    ['a 501-character bio', { bio: 'x'.repeat(501) }, 'VALIDATION_FAILED'],
    ['a bio with a control character', { bio: 'bell\u0007' }, 'VALIDATION_FAILED'],
    ['a malformed language tag', { languages: ['not a tag!'] }, 'VALIDATION_FAILED'],
    ['an empty change', {}, 'VALIDATION_FAILED'],
    ['a handle change', { handle: 'newname' }, 'VALIDATION_FAILED'],
  ])('refuses %s with 400 %s and changes nothing', async (_label, body, code) => {
    const { token } = await signUpByEmail(test, 'ana_b');
    const response = await test.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
      payload: body,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(code);
    const row = await test.database.db.selectFrom('accounts').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ display_name: 'ana_b', bio: '', handle: 'ana_b' });
  });
});
