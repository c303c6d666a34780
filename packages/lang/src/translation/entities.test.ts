import { describe, expect, it } from 'vitest';
import { fakeTranslate } from '../../test/fake-servers.js';
import type { TranslationEngine, TranslationRequest } from './engine.js';
import { translatePreservingEntities } from './entities.js';

/** An in-memory engine that records what it was sent. */
function recordingEngine(
  translate: (text: string) => string,
  keepsPlaceholders: boolean,
): TranslationEngine & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    name: 'memory',
    keepsPlaceholders,
    calls,
    supports: async () => true,
    pairs: async () => [],
    translate: async (request: TranslationRequest) => {
      calls.push([...request.texts]);
      return { engine: 'memory', texts: request.texts.map(translate) };
    },
  };
}

const request = (texts: string[]) => ({ texts, from: 'en', to: 'es' });

describe('translatePreservingEntities', () => {
  it('sends placeholders to an engine that keeps them, and restores the entities', async () => {
    const engine = recordingEngine(fakeTranslate, true);
    const result = await translatePreservingEntities(
      engine,
      request(['I like #cats and #大麻, ask @cat_lover 😂 https://example.com/cat']),
    );
    expect(engine.calls).toEqual([['I like ⟦0⟧ and ⟦1⟧, ask ⟦2⟧ ⟦3⟧ ⟦4⟧']]);
    expect(result.texts).toEqual([
      'Yo gusto #cats y #大麻, pregunta @cat_lover 😂 https://example.com/cat',
    ]);
  });

  it('keeps line breaks, blank lines and the spaces around lines', async () => {
    const engine = recordingEngine(fakeTranslate, true);
    const text = 'Hello friend\r\n\n  I like cats  \n#TikTokRefugee 😂\n';
    const result = await translatePreservingEntities(engine, request([text]));
    expect(result.texts).toEqual(['Hola amigo\r\n\n  Yo gusto gatos  \n#TikTokRefugee 😂\n']);
    // Lines without letters outside entities are not sent at all.
    expect(engine.calls).toEqual([['Hello friend', 'I like cats']]);
  });

  it('batches the lines of several texts into one call', async () => {
    const engine = recordingEngine(fakeTranslate, true);
    const result = await translatePreservingEntities(
      engine,
      request(['Hello friend', '😂😂', '', 'I like cats\nThe house is red']),
    );
    expect(result.texts).toEqual(['Hola amigo', '😂😂', '', 'Yo gusto gatos\nEl casa es roja']);
    expect(engine.calls).toHaveLength(1);
  });

  it('does not call the engine when nothing needs translating', async () => {
    const engine = recordingEngine(fakeTranslate, true);
    const result = await translatePreservingEntities(engine, request(['😂 #猫', '', '123']));
    expect(result.texts).toEqual(['😂 #猫', '', '123']);
    expect(engine.calls).toEqual([]);
  });

  it('retranslates piece by piece when an engine loses or repeats a placeholder', async () => {
    const dropsPlaceholders = recordingEngine(
      (text) => fakeTranslate(text).replace(/⟦1⟧/g, '').replace(/⟦0⟧/, '⟦0⟧ ⟦0⟧'),
      true,
    );
    const result = await translatePreservingEntities(
      dropsPlaceholders,
      request(['I like #cats and #dogs today']),
    );
    expect(dropsPlaceholders.calls).toEqual([
      ['I like ⟦0⟧ and ⟦1⟧ today'],
      ['I like', 'and', 'today'],
    ]);
    expect(result.texts).toEqual(['Yo gusto #cats y #dogs today']);
  });

  it('sends entities verbatim to other engines and accepts output that kept them', async () => {
    const copiesEntities = recordingEngine((text) => text.replace('Hello', 'Hola'), false);
    const result = await translatePreservingEntities(
      copiesEntities,
      request(['Hello @bob, #大麻 😂']),
    );
    expect(copiesEntities.calls).toEqual([['Hello @bob, #大麻 😂']]);
    expect(result.texts).toEqual(['Hola @bob, #大麻 😂']);
  });

  it('falls back to pieces when an engine alters an entity it was sent verbatim', async () => {
    const translatesTopics = recordingEngine(fakeTranslate, false);
    const result = await translatePreservingEntities(
      translatesTopics,
      request(['I like #cats', 'Hello friend']),
    );
    expect(translatesTopics.calls).toEqual([['I like #cats', 'Hello friend'], ['I like']]);
    expect(result.texts).toEqual(['Yo gusto #cats', 'Hola amigo']);
  });

  it('cannot be fooled by placeholder brackets in the post itself', async () => {
    const engine = recordingEngine(fakeTranslate, true);
    const result = await translatePreservingEntities(engine, request(['I like ⟦0⟧ cats #a']));
    expect(engine.calls).toEqual([['I like ⟦0⟧0⟦1⟧ cats ⟦2⟧']]);
    expect(result.texts).toEqual(['Yo gusto ⟦0⟧ gatos #a']);
  });

  it('rejects an engine that answers the wrong number of texts', async () => {
    const broken: TranslationEngine = {
      name: 'broken',
      supports: async () => true,
      pairs: async () => [],
      translate: async () => ({ engine: 'broken', texts: [] }),
    };
    await expect(
      translatePreservingEntities(broken, request(['Hello friend'])),
    ).rejects.toMatchObject({ code: 'translation_engine_failed', kind: 'bad_response' });
  });
});
