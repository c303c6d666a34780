export { CONTACT_ID_TERM, CONTACT_LINK_TERM, PHONE_TERM } from './contacts.js';
export type { LexiconSource } from './data/lexicon/source.js';
export { loadDefaultPolicy } from './default-policy.js';
export { explainSpan, HEAVY_FOLDS } from './explain.js';
export { createHotMatcher, type HotMatcher } from './hot-matcher.js';
export { DEFAULT_LEXICON_LANGUAGES, loadDefaultLexicon, parseLexiconSource } from './lexicon.js';
export { compileLexicon, LexiconError } from './matcher.js';
export { type NormalizedText, normalizeText, skeletonWords } from './normalize.js';
export { actionForRegion, actionRank, decide } from './policy.js';
export {
  checkPolicy,
  POLICY_LEXICON_MAX_ENTRIES,
  POLICY_LEXICON_MAX_OVERRIDES,
  PolicyError,
  PolicyExplicitImagerySchema,
  type PolicyProblem,
  PolicySchema,
  validatePolicy,
} from './policy-schema.js';
export {
  ACTIONS,
  type Action,
  CATEGORIES,
  type Category,
  type CompileOptions,
  type Decision,
  type Evidence,
  type ExplicitImageryRule,
  type FiredRule,
  FOLD_KINDS,
  type FoldKind,
  IMAGERY_CLASSES,
  type ImageryClass,
  LANGUAGE_SCOPED_CATEGORIES,
  type LexiconEntry,
  type LexiconOverride,
  MATCH_MODES,
  type Match,
  type Matcher,
  type MatchMode,
  type Policy,
  type PolicyExplicitImagery,
  type PolicyFarm,
  type PolicyLexicon,
  type PolicyRule,
  type PolicyTrust,
  type RuleMatch,
  type ScanOptions,
  SEVERITIES,
  type Severity,
  TERM_SCOPES,
  type TermScope,
} from './types.js';
