import { compileLexicon, loadDefaultPolicy } from '@atrium/safety';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAccountRow, createTestDatabase, type TestDatabase } from '../../../test/helper.js';
import { uuidv7 } from '../../lib/uuid7.js';
import { checkContent } from '../screening/content-check.js';
import type { SafetyRules } from '../screening/safety-rules.js';
import { createContentModeration } from './content-moderation.js';

// Language-scoped terms on text whose own language cannot be told: scanned in the author's
// language (their recent notes, then their interface language), else with every term
// (docs/lang.md, "When detection is weak").

// an insult of one language that is an ordinary word of another (as `puto`, `come`): invented
// here so that no shipped term or detector habit decides the test
const rules: SafetyRules = {
  policy: loadDefaultPolicy(),
  matcher: compileLexicon([
    { term: 'zorvak', category: 'harassment', severity: 'medium', lang: 'pt', scope: 'language' },
  ]),
};

describe('checkContent with a fallback language', () => {
  it('applies a scoped term to text of unknown language, unless the fallback is another language', () => {
    const unknown = checkContent(rules, { body: 'zorvak!!' });
    expect(unknown.languageUnknown).toBe(true);
    expect(unknown.restricted).toBe(true);
    expect(checkContent(rules, { body: 'zorvak!!' }, { fallbackLang: 'pt-BR' }).restricted).toBe(
      true,
    );
    const spanish = checkContent(rules, { body: 'zorvak!!' }, { fallbackLang: 'es' });
    expect(spanish.restricted).toBe(false);
    expect(spanish.languageUnknown).toBe(true);
  });

  it('never lets the fallback override a language detection is sure of', () => {
    const body = 'Você é um zorvak e todo mundo aqui sabe disso muito bem, meu amigo';
    const outcome = checkContent(rules, { body }, { fallbackLang: 'es' });
    expect(outcome.languageUnknown).toBe(false);
    expect(outcome.restricted).toBe(true);
  });
});

describe('the inline check falls back to the author’s language', () => {
  let test: TestDatabase;
  beforeEach(async () => {
    test = await createTestDatabase();
  });
  afterEach(async () => {
    await test?.close();
  });

  const screening = () =>
    createContentModeration({
      db: test.database.db,
      rules: { current: () => rules },
      audit: { record: async () => {} },
    });

  async function note(authorId: string, body: string) {
    await test.database.db
      .insertInto('notes')
      .values({ id: uuidv7(), author_id: authorId, title: '', body, status: 'published' })
      .execute();
  }

  it('scans by the language of the author’s recent notes, then their interface language', async () => {
    const db = test.database.db;
    const writer = await addAccountRow(db, 'lector_es');
    await note(
      writer,
      'Hoy fuimos al mercado con mi abuela y compramos frutas para toda la semana',
    );
    await note(
      writer,
      'Mañana vamos a la playa con los amigos del trabajo si no llueve por la tarde',
    );
    // Spanish notes: the Portuguese-only insult does not apply to her unreadable short post
    const screened = await screening().screen(writer, 'note', { title: '', body: 'zorvak!!' });
    expect(screened.outcome.restricted).toBe(false);

    // no notes, a Portuguese interface: it applies
    const other = await addAccountRow(db, 'leitor_pt');
    await db.updateTable('accounts').set({ locale: 'pt-BR' }).where('id', '=', other).execute();
    expect(
      (await screening().screen(other, 'note', { title: '', body: 'zorvak!!' })).outcome.restricted,
    ).toBe(true);

    // nothing known of the author: the widest choice, every term
    const blank = await addAccountRow(db, 'sem_nada');
    await db.updateTable('accounts').set({ locale: null }).where('id', '=', blank).execute();
    expect(
      (await screening().screen(blank, 'note', { title: '', body: 'zorvak!!' })).outcome.restricted,
    ).toBe(true);
  });
});
