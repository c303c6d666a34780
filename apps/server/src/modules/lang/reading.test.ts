import { ApertiumEngine, createTranslationChain } from '@atrium/lang';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, failure, signedIn, type TestApp } from '../../../test/helper.js';

describe('the word-by-word reading aid and translation capabilities', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await buildTestApp(
      { ATRIUM_DISABLE_RATE_LIMITS: '1' },
      { translation: createTranslationChain({ engines: [new ApertiumEngine()] }) },
    );
  });
  afterAll(async () => {
    await test?.close();
  });

  const readingRows = async () =>
    Number(
      (
        await sql<{ count: string }>`SELECT count(*) AS count FROM readings`.execute(
          test.database.db,
        )
      ).rows[0]!.count,
    );

  it('lists the pairs the engines serve and those the reading aid covers', async () => {
    const capabilities = await test.client().translation.capabilities();
    // Debian's apertium-eng-spa is the engine here: English ↔ Spanish and nothing Chinese
    expect(capabilities.translation).toEqual(
      expect.arrayContaining([
        { from: 'en', to: 'es' },
        { from: 'es', to: 'en' },
      ]),
    );
    expect(capabilities.translation.some((pair) => pair.from.startsWith('zh'))).toBe(false);
    expect(capabilities.reading).toEqual([
      { from: 'zh', to: 'en', dictionary: 'cc-cedict' },
      { from: 'ja', to: 'en', dictionary: 'ipadic' },
    ]);
  });

  it('reads a Chinese note word by word with pinyin and CC-CEDICT glosses, once for every reader', async () => {
    const author = await signedIn(test, 'reading_author');
    const note = await author.client.notes.create({
      title: '我的猫',
      body: '我家的猫特别喜欢晒太阳 #周末日常',
    });
    expect(note.lang).toBe('zh-Hans');
    const before = await readingRows();
    const reader = test.client();
    const first = await reader.notes.reading(note.id, 'en');
    expect(first).toMatchObject({
      from: 'zh-Hans',
      to: 'en',
      dictionary: 'cc-cedict',
      cached: false,
    });
    expect(first.title.map((token) => token.text)).toEqual(['我', '的', '猫']);
    expect(first.title[2]).toEqual({
      text: '猫',
      reading: 'māo',
      gloss: expect.stringMatching(/^cat\b/),
    });
    // every character is kept, in order
    expect(first.body.map((token) => token.text).join('')).toBe(note.body);
    expect(first.body.find((token) => token.text === '喜欢')).toMatchObject({
      reading: 'xǐ huan',
      gloss: expect.stringContaining('to like'),
    });
    expect(await readingRows()).toBe(before + 2);

    const other = await signedIn(test, 'reading_other');
    const second = await other.client.notes.reading(note.id, 'en');
    expect(second.cached).toBe(true);
    expect(second.body).toEqual(first.body);
    expect(await readingRows()).toBe(before + 2);
  });

  it('reads Traditional Chinese comments too', async () => {
    const author = await signedIn(test, 'reading_commenter');
    const note = await author.client.notes.create({ body: 'A photo of the harbour at night' });
    const comment = await author.client.notes.comment(note.id, { body: '這本書的翻譯真的很好' });
    expect(comment.lang).toBe('zh-Hant');
    const reading = await test.client().comments.reading(comment.id, 'en');
    expect(reading.from).toBe('zh-Hant');
    expect(reading.body.find((token) => token.text === '翻譯')).toMatchObject({
      reading: 'fān yì',
      gloss: expect.stringContaining('to translate'),
    });
  });

  it('reads a Japanese note word by word with kana and romaji, without glosses, cached', async () => {
    const author = await signedIn(test, 'reading_tokyo');
    const note = await author.client.notes.create({
      title: '週末のカフェ',
      body: '友達と新しいカフェでケーキを食べました。とても美味しかったです！',
    });
    expect(note.lang).toBe('ja');
    const before = await readingRows();
    const first = await test.client().notes.reading(note.id, 'en');
    expect(first).toMatchObject({ from: 'ja', to: 'en', dictionary: 'ipadic', cached: false });
    expect(first.title).toEqual([
      { text: '週末', reading: 'しゅうまつ', romaji: 'shuumatsu' },
      { text: 'の', romaji: 'no' },
      { text: 'カフェ', romaji: 'kafe' },
    ]);
    expect(first.body.map((token) => token.text).join('')).toBe(note.body);
    expect(first.body.find((token) => token.text === '友達')).toEqual({
      text: '友達',
      reading: 'ともだち',
      romaji: 'tomodachi',
    });
    expect(first.body.find((token) => token.text === 'ケーキ')).toEqual({
      text: 'ケーキ',
      romaji: 'keeki',
    });
    expect(first.body.find((token) => token.text === 'を')).toEqual({ text: 'を', romaji: 'o' });
    // a reading aid without a Japanese–English dictionary: no gloss is made up
    expect([...first.title, ...first.body].some((token) => token.gloss !== undefined)).toBe(false);
    expect(await readingRows()).toBe(before + 2);

    const comment = await author.client.notes.comment(note.id, { body: '写真がきれいですね' });
    const commentReading = await test.client().comments.reading(comment.id, 'en');
    expect(commentReading).toMatchObject({ from: 'ja', dictionary: 'ipadic' });
    expect(commentReading.body[0]).toEqual({
      text: '写真',
      reading: 'しゃしん',
      romaji: 'shashin',
    });

    const again = await test.client().notes.reading(note.id, 'en');
    expect(again.cached).toBe(true);
    expect(again.body).toEqual(first.body);
  });

  it('answers READING_UNAVAILABLE where no dictionary covers the pair', async () => {
    const author = await signedIn(test, 'reading_unread');
    const english = await author.client.notes.create({ body: 'The weather in Lisbon was lovely' });
    const notCovered = await failure(test.client().notes.reading(english.id, 'en'));
    expect(notCovered.status).toBe(422);
    expect(notCovered.code).toBe('READING_UNAVAILABLE');
    expect(notCovered.problem).toMatchObject({ reason: 'no_dictionary_for_pair', from: 'en' });
    const chinese = await author.client.notes.create({ body: '今天去了西湖散步，心情很好' });
    // glosses are English: a Spanish reading is not offered
    const spanish = await failure(test.client().notes.reading(chinese.id, 'es'));
    expect(spanish.code).toBe('READING_UNAVAILABLE');
    const pinyin = await author.client.notes.create({ body: 'wo ai ni', lang: 'zh-Latn' });
    const romanized = await failure(test.client().notes.reading(pinyin.id, 'en'));
    expect(romanized.problem).toMatchObject({ reason: 'romanized_source' });
  });
});
