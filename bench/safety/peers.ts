/**
 * The libraries compared, each given the same lexicon through its own API. Every adapter
 * answers one question per text: was anything found?
 */
import { AllProfanity } from 'allprofanity';
import leoProfanity from 'leo-profanity';
import { Mint } from 'mint-filter';
import { DataSet, englishRecommendedTransformers, parseRawPattern, RegExpMatcher } from 'obscenity';
import { compileLexicon, type LexiconEntry } from '../../packages/safety/src/index.js';

export interface Detector {
  name: string;
  detect(text: string): boolean;
}

export type DetectorFactory = (entries: LexiconEntry[]) => Detector;

const LATIN = /^[\p{Script=Latin}0-9 $'\-.]+$/u;

function terms(entries: LexiconEntry[]): string[] {
  return [...new Set(entries.filter((e) => !e.allow).map((e) => e.term))];
}

function exceptions(entries: LexiconEntry[]): string[] {
  return [...new Set(entries.filter((e) => e.allow).map((e) => e.term))];
}

export const atrium: DetectorFactory = (entries) => {
  const matcher = compileLexicon(entries);
  return { name: '@atrium/safety', detect: (text) => matcher.scan(text).length > 0 };
};

export const mintFilter: DetectorFactory = (entries) => {
  const mint = new Mint(terms(entries));
  return { name: 'mint-filter 4.0.3', detect: (text) => !mint.verify(text) };
};

function escapeObscenity(term: string): string {
  return term.replace(/[[\]?|\\]/g, (c) => `\\${c}`);
}

/**
 * Obscenity's English transformers drop every non-Latin character, so Latin terms get them
 * (with word boundaries, like its English preset) and other scripts a plain matcher.
 */
export const obscenity: DetectorFactory = (entries) => {
  const build = (latin: boolean): RegExpMatcher | undefined => {
    const dataset = new DataSet<{ term: string }>();
    let count = 0;
    for (const term of terms(entries)) {
      if (LATIN.test(term) !== latin) continue;
      const spelled = latin ? `|${escapeObscenity(term.toLowerCase())}|` : escapeObscenity(term);
      dataset.addPhrase((phrase) =>
        phrase.setMetadata({ term }).addPattern(parseRawPattern(spelled)),
      );
      count++;
    }
    for (const term of exceptions(entries)) {
      if (LATIN.test(term) !== latin) continue;
      dataset.addPhrase((phrase) => phrase.addWhitelistedTerm(latin ? term.toLowerCase() : term));
    }
    if (count === 0) return undefined;
    return new RegExpMatcher({
      ...dataset.build(),
      ...(latin ? englishRecommendedTransformers : {}),
    });
  };
  const matchers = [build(true), build(false)].filter((m): m is RegExpMatcher => m !== undefined);
  return { name: 'obscenity 0.4.6', detect: (text) => matchers.some((m) => m.hasMatch(text)) };
};

export const allProfanity: DetectorFactory = (entries) => {
  const filter = new AllProfanity();
  filter.clearList();
  filter.add(terms(entries));
  filter.addToWhitelist(exceptions(entries));
  return { name: 'allprofanity 2.4.0', detect: (text) => filter.check(text) };
};

export const leo: DetectorFactory = (entries) => {
  leoProfanity.clearList();
  leoProfanity.add(terms(entries));
  return { name: 'leo-profanity 1.9.0', detect: (text) => leoProfanity.check(text) };
};

export const DETECTORS: DetectorFactory[] = [atrium, mintFilter, obscenity, allProfanity, leo];
