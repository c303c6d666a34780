import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, failure, IPS, signedIn, type TestApp } from '../../test/helper.js';

// The viewer's region comes from the client address as the proxy forwards it — with a port, or
// bracketed IPv6 — and an address that cannot be located never lifts a regional decision: the
// account's country applies, else the unknown region, where every regional restriction applies.

let test: TestApp;
let noteId: string;

beforeAll(async () => {
  test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1' });
  const author = await signedIn(test, 'cr_author', IPS.US);
  // the shipped policy withholds cannabis content in China and labels it elsewhere
  noteId = (await author.client.notes.create({ body: 'Legal weed in LA is wild' })).id;
});

afterAll(async () => {
  await test?.close();
});

async function regionOfRefusal(ip: string, token?: string): Promise<unknown> {
  const error = await failure(test.client({ ip, ...(token ? { token } : {}) }).notes.get(noteId));
  expect(error.status).toBe(451);
  return (error.problem as Record<string, unknown>).region;
}

describe('the region of a forwarded client address', () => {
  it.each([
    ['IPv4 with a port', `${IPS.GUANGDONG}:51234`],
    ['bracketed IPv6 with a port', '[240e:3b4::1]:443'],
    ['bracketed IPv6', '[240e:3b4::1]'],
  ])('locates %s', async (_name, ip) => {
    expect(await regionOfRefusal(ip)).toBe('CN');
  });

  it.each([
    ['a private address', '10.0.0.7'],
    ['a value that is no address', 'unknown'],
  ])(
    'treats %s as the unknown region, where what is withheld anywhere is withheld',
    async (_name, ip) => {
      expect(await regionOfRefusal(ip)).toBe('ZZ');
      const page = await test.client({ ip }).feeds.discover();
      expect(page.items.map((item) => item.id)).not.toContain(noteId);
    },
  );

  it('uses the account’s country when the address cannot be located', async () => {
    const inChina = await signedIn(test, 'cr_china', IPS.GUANGDONG);
    expect(await regionOfRefusal('10.0.0.7', inChina.token)).toBe('CN');
    const inUs = await signedIn(test, 'cr_us', IPS.US);
    const seen = await test.client({ ip: '10.0.0.7', token: inUs.token }).notes.get(noteId);
    expect(seen.id).toBe(noteId);
  });
});
