import type { Topic } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, IPS, signedIn, type TestApp } from '../../../test/helper.js';

// Topic search counts what the viewer's region may see: a topic made only of notes withheld
// there is not found there, and a mixed one counts only its visible notes.

let test: TestApp;

beforeAll(async () => {
  test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1' });
  const author = await signedIn(test, 'ts_author', IPS.US);
  // the shipped policy withholds cannabis content in China
  await author.client.notes.create({ body: 'Legal weed in LA is wild #greenhaul' });
  await author.client.notes.create({ body: 'Legal weed in LA is wild #greenmix' });
  await author.client.notes.create({ body: 'Tomatoes from the garden #greenmix' });
  await test.settle();
});

afterAll(async () => {
  await test?.close();
});

async function topics(ip: string) {
  const page = await test.client({ ip }).search('green', 'topics');
  return page.items as Topic[];
}

describe('topic search by region', () => {
  it('leaves out, where they are withheld, topics whose notes are all withheld there', async () => {
    const elsewhere = await topics(IPS.US);
    expect(elsewhere.map((item) => [item.tag, item.counts.notes])).toEqual([
      ['greenmix', 2],
      ['greenhaul', 1],
    ]);
    const inChina = await topics(IPS.GUANGDONG);
    expect(inChina.map((item) => [item.tag, item.counts.notes])).toEqual([['greenmix', 1]]);
  });

  it('counts like the topic page does in that region', async () => {
    const page = await test.client({ ip: IPS.GUANGDONG }).topics.get('greenmix');
    const [found] = await topics(IPS.GUANGDONG);
    expect(found?.counts).toEqual(page.counts);
  });
});
