export { decisionLanguage, type LanguageEvidence } from './decision.js';
export {
  DEFAULT_MIN_CONFIDENCE,
  type DetectedLanguage,
  type DetectOptions,
  detectLanguage,
} from './detect-language.js';
export {
  baseLanguage,
  chineseScript,
  INTERCHANGEABLE_LANGUAGES,
  isRomanized,
  normalizeLanguageTag,
  sameLanguageForRouting,
  UNDETERMINED,
} from './languages.js';
export {
  defaultLanguageModel,
  eldModel,
  type LanguageModel,
  type ModelGuess,
} from './model.js';
export {
  CEDICT_CREDIT,
  type CedictRow,
  type ChineseDictionary,
  createChineseDictionary,
  type DictionaryEntry,
  loadCedict,
} from './reading/cedict.js';
export { createEnglishIndex, type EnglishIndex } from './reading/english-index.js';
export { pinyinWithMarks } from './reading/pinyin.js';
export { pickEntry, type ReadingToken, readChinese, shortGloss } from './reading/read-chinese.js';
export {
  IPADIC_CREDIT,
  type JapaneseMorpheme,
  type JapaneseTokenizer,
  loadJapaneseTokenizer,
  readJapanese,
  romanize,
} from './reading/read-japanese.js';
export {
  DEFAULT_RELIABLE_CONFIDENCE,
  isReliable,
  RELIABLE_CONFIDENCE,
} from './reliability.js';
export { type EntityKind, type EntitySpan, findEntities, stripEntities } from './text-entities.js';
export { ApertiumEngine, type ApertiumOptions, apertiumCodeToTag } from './translation/apertium.js';
export {
  createTranslationChain,
  type EngineStatus,
  parseRouteKey,
  TranslationChain,
  type TranslationChainOptions,
  type TranslationRoutes,
} from './translation/chain.js';
export {
  CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitState,
} from './translation/circuit-breaker.js';
export { DeepLEngine, type DeepLOptions, deeplBaseUrl } from './translation/deepl.js';
export type {
  LanguagePair,
  TranslationEngine,
  TranslationRequest,
  TranslationResult,
} from './translation/engine.js';
export { preservingEntities, translatePreservingEntities } from './translation/entities.js';
export {
  ENGINE_FAILURE_KINDS,
  type EngineFailure,
  type EngineFailureKind,
  TranslationEngineError,
  TranslationUnavailableError,
  UNAVAILABLE_REASONS,
  type UnavailableReason,
} from './translation/errors.js';
export type { HttpEngineOptions } from './translation/http.js';
export { LibreTranslateEngine, type LibreTranslateOptions } from './translation/libretranslate.js';
