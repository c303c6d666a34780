import {
  ApertiumEngine,
  createTranslationChain,
  LibreTranslateEngine,
  type TranslationEngine,
  type TranslationRequest,
} from '@atrium/lang';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../../test/fixtures/staff.js';
import { buildTestApp, failure, IPS, signedIn, type TestApp } from '../../../test/helper.js';

/** The real engine, counted: how many times the server asked it to translate. */
class CountingEngine implements TranslationEngine {
  readonly name: string;
  calls = 0;
  texts = 0;
  constructor(private readonly inner: TranslationEngine) {
    this.name = inner.name;
  }
  supports(from: string, to: string) {
    return this.inner.supports(from, to);
  }
  pairs() {
    return this.inner.pairs();
  }
  translate(request: TranslationRequest) {
    this.calls += 1;
    this.texts += request.texts.length;
    return this.inner.translate(request);
  }
  close() {
    return this.inner.close?.() ?? Promise.resolve();
  }
}

describe('languages and translation', () => {
  let test: TestApp;
  const engine = new CountingEngine(createTranslationChain({ engines: [new ApertiumEngine()] }));

  beforeAll(async () => {
    test = await buildTestApp({ ATRIUM_DISABLE_RATE_LIMITS: '1' }, { translation: engine });
  });
  afterAll(async () => {
    await test?.close();
  });

  it('detects the language of every note, comment and bio at write time', async () => {
    const { client } = await signedIn(test, 'lang_writer');
    const cases: [string, string][] = [
      ['The weather in Lisbon was lovely and the pastries even better', 'en'],
      ['今天去了西湖散步，喝了龙井茶，心情很好', 'zh-Hans'],
      ['今天去了西湖散步，喝了龍井茶，心情很好，這裡真美', 'zh-Hant'],
      ['¿Alguien sabe dónde comer buenos tacos en esta ciudad?', 'es'],
      ['東京の駅で友達に会いました。とても楽しかったです', 'ja'],
      ['오늘 친구랑 한강에서 치킨을 먹었어요', 'ko'],
      ["今天去了 Trader Joe's 买了很多 snacks 好开心", 'zh-Hans'],
    ];
    for (const [body, lang] of cases) {
      expect((await client.notes.create({ body })).lang, body).toBe(lang);
    }
    expect((await client.notes.create({ body: '😂😂😂' })).lang).toBeNull();
    // the author's own tag wins
    expect((await client.notes.create({ body: 'ok', lang: 'pt-br' })).lang).toBe('pt-BR');
    const note = await client.notes.create({ body: 'A note to comment on' });
    const comment = await client.notes.comment(note.id, {
      body: 'Me encanta esta foto, ¿dónde fue tomada?',
    });
    expect(comment.lang).toBe('es');
    const me = await client.me.update({ bio: '我喜欢旅行和摄影，也喜欢做饭' });
    expect(me.bioLang).toBe('zh-Hans');
  });

  it('translates a note with Apertium once for every reader, keeping topics, mentions, links, emoji and lines', async () => {
    const author = await signedIn(test, 'lang_author');
    await signedIn(test, 'alice');
    const note = await author.client.notes.create({
      title: 'My cat',
      body: 'My cat is sleeping on the sofa 😴 #cattax @alice\nMore photos at https://example.com/cats',
    });
    expect(note.lang).toBe('en');
    const before = engine.calls;
    const first = await test.client({ ip: IPS.BRAZIL }).notes.translation(note.id, 'es');
    expect(first).toMatchObject({ from: 'en', to: 'es', engine: 'apertium', cached: false });
    expect(first.title.toLowerCase()).toContain('gato');
    expect(first.body).toContain('#cattax');
    expect(first.body).toContain('@alice');
    expect(first.body).toContain('😴');
    expect(first.body).toContain('https://example.com/cats');
    expect(first.body.split('\n')).toHaveLength(2);
    expect(engine.calls).toBe(before + 1); // title and body in one engine call

    const reader = await signedIn(test, 'lang_reader', IPS.US);
    const second = await reader.client.notes.translation(note.id, 'es');
    expect(second).toMatchObject({ title: first.title, body: first.body, cached: true });
    expect(second.engine).toBe('apertium');
    expect(engine.calls).toBe(before + 1);
    expect(
      await test.database.db.selectFrom('translations').select('engine').execute(),
    ).toContainEqual({ engine: 'apertium' });
  });

  it('merges concurrent requests into one engine call', async () => {
    const author = await signedIn(test, 'lang_concurrent');
    const note = await author.client.notes.create({ body: 'The train leaves at noon tomorrow' });
    const before = engine.calls;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => test.client().notes.translation(note.id, 'es')),
    );
    expect(new Set(results.map((result) => result.body)).size).toBe(1);
    expect(engine.calls).toBe(before + 1);
  });

  it('translates comments, and answers same-language and unavailable pairs clearly', async () => {
    const author = await signedIn(test, 'lang_comments');
    const note = await author.client.notes.create({ body: 'Where should I eat tonight?' });
    const comment = await author.client.notes.comment(note.id, { body: 'Me gusta la playa' });
    const translated = await test.client().comments.translation(comment.id, 'en');
    expect(translated).toMatchObject({ from: 'es', to: 'en', engine: 'apertium' });
    expect(translated.body.toLowerCase()).toContain('beach');

    const same = await failure(test.client().notes.translation(note.id, 'en-GB'));
    expect(same.status).toBe(422);
    expect(same.code).toBe('SAME_LANGUAGE');
    const unserved = await failure(test.client().notes.translation(note.id, 'ko'));
    expect(unserved.status).toBe(503);
    expect(unserved.code).toBe('TRANSLATION_UNAVAILABLE');
    expect((unserved.problem as Record<string, unknown>).reason).toBe('no_engine_for_pair');
  });

  it('says romanized text cannot be translated instead of translating it as something else', async () => {
    const author = await signedIn(test, 'lang_pinyin');
    const note = await author.client.notes.create({
      body: 'wo ai ni men, jintian tianqi hen hao, women qu gongyuan ba',
    });
    expect((await test.client().notes.get(note.id)).lang).toBe('zh-Latn');
    const refused = await failure(test.client().notes.translation(note.id, 'en'));
    expect([refused.status, refused.code]).toEqual([503, 'TRANSLATION_UNAVAILABLE']);
    expect(refused.problem).toMatchObject({ reason: 'romanized_source', from: 'zh-Latn' });
  });

  it('applies the visibility rule: 451 where the note is withheld', async () => {
    const author = await signedIn(test, 'lang_withheld', IPS.US);
    const note = await author.client.notes.create({ body: 'Legal weed is sold here now' });
    const error = await failure(
      test.client({ ip: IPS.GUANGDONG }).notes.translation(note.id, 'es'),
    );
    expect(error.status).toBe(451);
  });

  it('keeps reading settings and balances discover by the languages one reads', async () => {
    const reader = await signedIn(test, 'lang_settings');
    const account = await reader.client.me.update({
      languages: ['EN'],
      autoTranslate: true,
      feedLanguageMix: 'mine',
    });
    expect(account).toMatchObject({
      languages: ['en'],
      autoTranslate: true,
      feedLanguageMix: 'mine',
    });
    const poster = await signedIn(test, 'lang_poster_zh');
    for (let index = 0; index < 12; index += 1) {
      await poster.client.notes.create({ body: `今天的第${index}张照片，天气很好，风景很美` });
    }
    for (let index = 0; index < 6; index += 1) {
      const other = await signedIn(test, `lang_poster_en${index}`);
      await other.client.notes.create({
        body: `Photo number ${index} from a sunny afternoon walk`,
      });
    }
    const page = await reader.client.feeds.discover({ limit: 10 });
    const foreign = page.items.filter((item) => item.lang && !item.lang.startsWith('en'));
    expect(page.items.length).toBeGreaterThan(0);
    expect(foreign.length).toBeLessThanOrEqual(1);
    // without languages nothing is held back
    const everyone = await test.client().feeds.discover({ limit: 10 });
    expect(everyone.items.filter((item) => item.lang?.startsWith('zh')).length).toBeGreaterThan(1);
  });

  it('shows a moderator content in a language they do not read with a translation beside it', async () => {
    // a Brazilian account posting in English, moderated by someone scoped to Brazil who reads Spanish
    const author = await signedIn(test, 'lang_case_author', IPS.BRAZIL);
    const note = await author.client.notes.create({ body: 'Buy cheap followers here today' });
    await (await signedIn(test, 'lang_case_reporter')).client.reports.create({
      targetType: 'note',
      targetId: note.id,
      reason: 'spam',
    });
    const moderator = await signedInStaff(test, 'lang_case_mod', 'moderator', { regions: ['BR'] });
    await moderator.client.me.update({ languages: ['es'] });
    const caseId = (await moderator.client.moderation.cases({ limit: 100 })).items.find(
      (item) => item.targetId === note.id,
    )!.id;
    const detail = await moderator.client.moderation.get(caseId);
    expect(detail.content.body).toBe('Buy cheap followers here today');
    expect(detail.translation).toMatchObject({ from: 'en', to: 'es', engine: 'apertium' });
    expect(detail.translation!.body).not.toBe(detail.content.body);
    // one who reads English gets none
    const english = await signedInStaff(test, 'lang_case_en', 'moderator', { regions: ['BR'] });
    await english.client.me.update({ languages: ['en'] });
    expect((await english.client.moderation.get(caseId)).translation).toBeNull();
  });

  it('translates for a moderator with no languages set into their interface language, reporters notes too', async () => {
    const author = await signedIn(test, 'lang_case_writer', IPS.BRAZIL);
    const note = await author.client.notes.create({
      body: 'Cheap followers for sale, message me now',
    });
    await (await signedIn(test, 'lang_case_noter')).client.reports.create({
      targetType: 'note',
      targetId: note.id,
      reason: 'spam',
      details: 'This account sells fake followers to everyone in the city',
    });
    // no reading languages (account or scope): the console's interface language is what they read
    const spanish = await signedInStaff(test, 'lang_case_es', 'moderator', { regions: ['BR'] });
    await spanish.client.me.update({ locale: 'es' });
    const caseId = (await spanish.client.moderation.cases({ limit: 100 })).items.find(
      (item) => item.targetId === note.id,
    )!.id;
    const detail = await spanish.client.moderation.get(caseId);
    expect(detail.translation).toMatchObject({ from: 'en', to: 'es', engine: 'apertium' });
    const [report] = detail.reports;
    expect(report!.details).toBe('This account sells fake followers to everyone in the city');
    expect(report!.translation).toMatchObject({ from: 'en', to: 'es', engine: 'apertium' });
    expect(report!.translation!.text).not.toBe(report!.details);
    // one whose interface is English reads both as they are
    const english = await signedInStaff(test, 'lang_case_ui_en', 'moderator', { regions: ['BR'] });
    await english.client.me.update({ locale: 'en' });
    const plain = await english.client.moderation.get(caseId);
    expect(plain.translation).toBeNull();
    expect(plain.reports[0]!.translation).toBeNull();
  });

  it('takes the author’s language as the source when the text alone cannot tell it', async () => {
    const author = await signedIn(test, 'lang_fallback');
    await author.client.notes.create({
      body: 'Hoy fuimos al mercado con mi abuela y compramos frutas para toda la semana',
    });
    const note = await author.client.notes.create({
      body: 'Mañana vamos a la playa con los amigos del trabajo si no llueve por la tarde',
    });
    // one word: detection cannot tell its language, the author's two Spanish notes do
    const comment = await author.client.notes.comment(note.id, { body: 'gato' });
    expect(comment.lang).toBeNull();
    const translated = await test.client().comments.translation(comment.id, 'en');
    expect(translated).toMatchObject({ from: 'es', to: 'en' });
    expect(translated.body.toLowerCase()).toContain('cat');
    // emoji alone: nothing to translate, whoever wrote it
    const emoji = await author.client.notes.comment(note.id, { body: '😂😂' });
    const refused = await failure(test.client().comments.translation(emoji.id, 'en'));
    expect(refused.problem).toMatchObject({ reason: 'unknown_source_language' });
  });
});

describe('translation engines', () => {
  it('falls back to the next engine when one is down', async () => {
    const test = await buildTestApp(
      {},
      {
        translation: createTranslationChain({
          engines: [new LibreTranslateEngine({ url: 'http://127.0.0.1:9' }), new ApertiumEngine()],
          // the closed port refuses at once; the limit is Apertium's, whose cold start on a
          // loaded machine took over 2 s
          engineTimeoutMs: 30_000,
        }),
      },
    );
    try {
      const { client } = await signedIn(test, 'fallback_author');
      const note = await client.notes.create({ body: 'The library opens at nine' });
      const translated = await test.client().notes.translation(note.id, 'es');
      expect(translated.engine).toBe('apertium');
    } finally {
      await test.close();
    }
  });

  it('answers 503 with a reason when translation is off', async () => {
    const test = await buildTestApp({}, { translation: null });
    try {
      const { client } = await signedIn(test, 'off_author');
      const note = await client.notes.create({ body: 'Nobody will translate this' });
      const error = await failure(test.client().notes.translation(note.id, 'es'));
      expect(error.status).toBe(503);
      expect((error.problem as Record<string, unknown>).reason).toBe('not_configured');
    } finally {
      await test.close();
    }
  });
});
