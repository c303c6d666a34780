import { type Note, routes } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { buildTestApp, IPS, signUpByPhone } from '../../test/helper.js';
import { buildDemoPlan } from './demo-content.js';
import { DemoDatabaseNotEmptyError, seedDemo } from './seed-demo.js';

const plan = buildDemoPlan();

describe('seedDemo', () => {
  it('refuses a database that already has accounts', async () => {
    const test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1' });
    try {
      await signUpByPhone(test, { phone: '+8613800138000', handle: 'early.bird', ip: IPS.US });
      await expect(seedDemo(test.app, { db: test.database.db })).rejects.toBeInstanceOf(
        DemoDatabaseNotEmptyError,
      );
    } finally {
      await test.close();
    }
  });

  // Drives the community routes (media, notes, comments, likes, collects, topics, feeds).
  it('seeds the demo community through the API', { timeout: 600_000 }, async () => {
    const test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1' });
    try {
      const counts = await seedDemo(test.app, { db: test.database.db, plan });
      await test.settle();
      expect(counts.accounts).toBe(plan.personas.length);
      expect(counts.notes).toBeGreaterThanOrEqual(140);
      expect(counts.media).toBeGreaterThanOrEqual(counts.notes);
      expect(counts.comments).toBeGreaterThan(100);
      expect(counts.likes).toBeGreaterThan(500);

      const client = test.client({ ip: IPS.US });
      let notes = 0;
      const locations = new Set<string>();
      const langs = new Set<string>();
      for (const persona of plan.personas) {
        const profile = await client.users.get(persona.handle);
        expect(profile.bio).toBe(persona.bio);
        notes += profile.counts.notes;
        if (profile.ipLocation) locations.add(profile.ipLocation);
        const page = await client.call(routes.userNotes, {
          params: { handle: persona.handle },
          query: { limit: 100 },
        });
        for (const note of page.items as Note[]) {
          if (note.lang) langs.add(note.lang.slice(0, 2));
          expect(note.media.length).toBeGreaterThanOrEqual(1);
        }
      }
      expect(notes).toBeGreaterThanOrEqual(140);
      // each persona signed up from its home address
      expect((await client.users.get('mei.eats')).ipLocation).toBe('Guangdong');
      expect((await client.users.get('jess.in.ohio')).ipLocation).toBe('United States');
      expect(locations.size).toBeGreaterThanOrEqual(10);
      expect([...langs].sort()).toEqual(expect.arrayContaining(['en', 'es', 'ja', 'ko', 'zh']));

      for (const tag of ['tiktokrefugee', 'cattax']) {
        const topic = await client.call(routes.getTopic, { params: { tag } });
        expect(topic.counts.notes, tag).toBeGreaterThan(0);
      }
      const discover = await client.call(routes.discoverFeed, { query: { limit: 20 } });
      expect(discover.items.length).toBe(20);

      // a second run finds accounts and leaves the database alone
      await expect(seedDemo(test.app, { db: test.database.db })).rejects.toBeInstanceOf(
        DemoDatabaseNotEmptyError,
      );
    } finally {
      await test.close();
    }
  });
});
