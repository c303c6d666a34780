import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApertiumEngine, apertiumCodeToTag } from './apertium.js';
import { isUnitMarker } from './apertium-pipeline.js';
import { decodeUnit, encodeUnit } from './apertium-stream.js';
import { preservingEntities } from './entities.js';
import { TranslationEngineError } from './errors.js';

const MODES = '/usr/share/apertium/modes';

function apertiumInstalled(): boolean {
  try {
    execFileSync('apertium', ['-l'], { stdio: 'ignore' });
    execFileSync('which', ['apertium-wblank-mode', 'stdbuf'], { stdio: 'ignore' });
  } catch {
    return false;
  }
  return existsSync(`${MODES}/eng-spa.mode`) && existsSync(`${MODES}/spa-eng.mode`);
}

describe('Apertium stream format', () => {
  it('escapes the stream format’s special characters and round-trips them', () => {
    const text = 'a [b] {c} <d> $e ^f /g @h *i #j \\k ~l';
    const encoded = encodeUnit(text);
    expect(encoded).toBe('a \\[b\\] \\{c\\} \\<d\\> \\$e \\^f \\/g \\@h \\*i \\#j \\\\k [~]l');
    expect(decodeUnit(encoded, () => false).text).toBe(text);
  });

  it('puts placeholders into superblanks and never lets NUL through', () => {
    expect(encodeUnit('x ⟦0⟧ y\0z')).toBe('x [⟦0⟧] y z');
  });

  it('drops unit markers and collapses the spaces of dropped words', () => {
    expect(decodeUnit('[<atrium:7>] Tengo  tres gatos.[]', isUnitMarker).text).toBe(
      'Tengo tres gatos.',
    );
  });

  it('maps Apertium codes to BCP-47', () => {
    expect(apertiumCodeToTag('eng')).toBe('en');
    expect(apertiumCodeToTag('spa')).toBe('es');
    expect(apertiumCodeToTag('eng_US')).toBe('en-US');
    expect(apertiumCodeToTag('por_BR')).toBe('pt-BR');
    expect(apertiumCodeToTag('cat_valencia')).toBe('ca-valencia');
  });
});

describe('ApertiumEngine (the real apertium command)', () => {
  let engine: ApertiumEngine;

  beforeAll(() => {
    if (!apertiumInstalled()) {
      throw new Error(
        'apertium with the eng-spa pair is not installed; `bash scripts/test.sh` installs it ' +
          '(apt-get install apertium apertium-eng-spa)',
      );
    }
    engine = new ApertiumEngine({ idleMs: 60_000 });
  });

  afterAll(async () => {
    await engine?.close();
  });

  it('lists the installed pairs from the modes directory', async () => {
    const pairs = await engine.pairs();
    expect(pairs).toEqual(
      expect.arrayContaining([
        { from: 'en', to: 'es' },
        { from: 'es', to: 'en' },
      ]),
    );
    expect(await engine.supports('en', 'es')).toBe(true);
    expect(await engine.supports('en-GB', 'es-MX')).toBe(true);
    expect(await engine.supports('es', 'en-US')).toBe(true);
    expect(await engine.supports('en', 'ja')).toBe(false);
  });

  it('serves nothing when Apertium is not installed', async () => {
    const missing = new ApertiumEngine({ modesDirectory: '/nonexistent/apertium/modes' });
    expect(await missing.pairs()).toEqual([]);
    await expect(missing.translate({ texts: ['hi'], from: 'en', to: 'es' })).rejects.toMatchObject({
      kind: 'unsupported_pair',
    });
  });

  it('translates English to Spanish, several texts in one batch', async () => {
    const result = await engine.translate({
      texts: ['I have three cats.', 'The house is red', 'Where is the train station?'],
      from: 'en',
      to: 'es',
    });
    // Apertium's quality is modest ("Dónde es la canal de tren?"): the test checks the plumbing.
    expect(result).toEqual({
      engine: 'apertium',
      texts: ['Tengo tres gatos.', 'La casa es roja', expect.stringMatching(/^Dónde .* tren\?$/)],
    });
  });

  it('translates Spanish to English', async () => {
    const result = await engine.translate({
      texts: ['Yo tengo tres gatos.', 'La casa es roja.'],
      from: 'es',
      to: 'en',
    });
    expect(result.texts).toEqual(['I have three cats.', 'The house is red.']);
  });

  it('keeps every answer with its text under concurrent batches', async () => {
    const english = ['The cat', 'The dog', 'The house', 'The book', 'The tree', 'The city'];
    const spanish = ['El gato', 'El perro', 'La casa', 'El libro', 'El árbol', 'La ciudad'];
    const results = await Promise.all(
      english.map((text, index) =>
        engine.translate({ texts: [text, english[(index + 1) % 6]!], from: 'en', to: 'es' }),
      ),
    );
    results.forEach((result, index) => {
      expect(result.texts).toEqual([spanish[index], spanish[(index + 1) % 6]]);
    });
  });

  it('passes placeholders through untouched, as superblanks', async () => {
    const result = await engine.translate({
      texts: ['I like ⟦0⟧ and ⟦1⟧ very much'],
      from: 'en',
      to: 'es',
    });
    expect(result.texts[0]).toContain('⟦0⟧');
    expect(result.texts[0]).toContain('⟦1⟧');
  });

  it('preserves topics, mentions, links, emoji and line breaks end to end', async () => {
    const text =
      'I like #大麻 and #TikTokRefugee, ask @alice_b at https://example.com/a?b=c 😂\n\n  The second line.\n';
    const result = await preservingEntities(engine).translate({
      texts: [text],
      from: 'en',
      to: 'es',
    });
    const [translated] = result.texts;
    for (const entity of [
      '#大麻',
      '#TikTokRefugee',
      '@alice_b',
      'https://example.com/a?b=c',
      '😂',
    ]) {
      expect(translated).toContain(entity);
    }
    expect(translated!.split('\n')).toHaveLength(4);
    expect(translated).toMatch(/\n\n {2}La segunda línea\.\n$/);
    expect(translated).toMatch(/^Me gusta/);
  });

  it('gives up a batch when the caller aborts, and keeps serving others', async () => {
    const controller = new AbortController();
    const aborted = engine.translate({
      texts: ['This sentence is abandoned'],
      from: 'en',
      to: 'es',
      signal: controller.signal,
    });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    const next = await engine.translate({ texts: ['The dog'], from: 'en', to: 'es' });
    expect(next.texts).toEqual(['El perro']);
  });

  it('fails fast with busy when the queue is full', async () => {
    const small = new ApertiumEngine({ concurrency: 1, maxQueue: 1 });
    try {
      const first = small.translate({ texts: ['The cat'], from: 'en', to: 'es' });
      const second = small.translate({ texts: ['The dog'], from: 'en', to: 'es' });
      const third = small.translate({ texts: ['The house'], from: 'en', to: 'es' });
      await expect(third).rejects.toBeInstanceOf(TranslationEngineError);
      await expect(third).rejects.toMatchObject({ kind: 'busy' });
      expect(await Promise.all([first, second])).toMatchObject([
        { texts: ['El gato'] },
        { texts: ['El perro'] },
      ]);
    } finally {
      await small.close();
    }
  });

  it('starts a new pipeline after close', async () => {
    const own = new ApertiumEngine();
    try {
      expect((await own.translate({ texts: ['The cat'], from: 'en', to: 'es' })).texts).toEqual([
        'El gato',
      ]);
      await own.close();
      expect((await own.translate({ texts: ['The dog'], from: 'en', to: 'es' })).texts).toEqual([
        'El perro',
      ]);
    } finally {
      await own.close();
    }
  });
});
