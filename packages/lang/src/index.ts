export {
  DEFAULT_MIN_CONFIDENCE,
  type DetectedLanguage,
  type DetectOptions,
  detectLanguage,
} from './detect-language.js';
export { baseLanguage, chineseScript, normalizeLanguageTag, UNDETERMINED } from './languages.js';
export { type EntityKind, type EntitySpan, findEntities, stripEntities } from './text-entities.js';
