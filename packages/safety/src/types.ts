/**
 * Public types of @atrium/safety. Each enum is one literal list; the type is derived from it so
 * the policy schema and the TypeScript types cannot drift apart.
 */

/** Lexicon and policy categories, in a stable order. */
export const CATEGORIES = [
  'drugs',
  'firearms',
  'gambling',
  'adult_services',
  'fraud',
  'hate',
  'harassment',
  'spam',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Severities, least to most severe. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Actions, least to most restrictive: a decision takes the most restrictive that applies. */
export const ACTIONS = ['allow', 'label', 'limit', 'withhold', 'review', 'block'] as const;
export type Action = (typeof ACTIONS)[number];

/** How a term must sit in the text: as a whole word, or anywhere. */
export const MATCH_MODES = ['word', 'substring'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

/** Where a term with a `lang` applies once the caller says the text's language (`scan(text, { lang })`). */
export const TERM_SCOPES = ['language', 'everywhere'] as const;
export type TermScope = (typeof TERM_SCOPES)[number];

/**
 * Categories whose terms are limited to their language by default: vulgarities and slurs are
 * words of one language that collide with ordinary words of others (English *come*, Spanish
 * *negro*). Trade vocabulary (drugs, services, contacts) crosses languages as loanwords —
 * `vendo cocaine`, `selling fentanyl` misread as Indonesian — so it applies everywhere.
 */
export const LANGUAGE_SCOPED_CATEGORIES: readonly string[] = ['harassment', 'hate'];

/** One lexicon term. `allow: true` makes it an exception that cancels overlapping matches. */
export interface LexiconEntry {
  term: string;
  category: Category;
  severity?: Severity;
  /** BCP 47 tag of the term's language (e.g. `en`, `zh-Hans`); informative, and a hint for segmentation. */
  lang?: string;
  /** Defaults to `substring` for Chinese, Japanese and Korean terms and `word` for everything else. */
  match?: MatchMode;
  /**
   * With a `lang`: `language` applies the term only to text detected as its language (or to a
   * segment in its script); `everywhere` ignores the detected language. Defaults to `language`
   * for `LANGUAGE_SCOPED_CATEGORIES` and `everywhere` for the rest.
   */
  scope?: TermScope;
  allow?: boolean;
  /**
   * Chinese terms only: also match spellings where one or two characters are replaced by a
   * common character of the same sound (`加薇信`, `加卫星` for 加微信), as contact lures write
   * them. Mark lure phrases, not bare words: 卫星 alone is an everyday word (satellite).
   */
  homophones?: boolean;
}

/**
 * How a match was reached beyond the term's own spelling, for moderators and for policies that
 * weigh a match made through heavy folding below an exact one. Empty: the text spells the term.
 */
export const FOLD_KINDS = [
  'case',
  'width',
  'marks',
  'leet',
  'homoglyph',
  'letterlike',
  'kana',
  'traditional',
  'repeats',
  'separators',
  'pinyin',
  'homophone',
] as const;
export type FoldKind = (typeof FOLD_KINDS)[number];

/** A term found in a text. `start`/`end` are UTF-16 offsets into the original text. */
export interface Match {
  term: string;
  category: Category;
  severity: Severity;
  start: number;
  end: number;
  /** The folds that made the text meet the term (see `FoldKind`); absent when not computed. */
  via?: FoldKind[];
}

/** What a scanned text is, beyond its characters. */
export interface ScanOptions {
  /**
   * The language detected for the text (BCP 47, e.g. `it`, `zh-Hant`), or null/undefined when
   * unknown. Entries with a `lang` then apply only to text of that language or its script.
   */
  lang?: string | null;
  /**
   * `text` (default) for notes, comments, names and bios; `handle` for account handles, which
   * cannot hold spaces: terms are found inside them split at `_` and digits.
   */
  kind?: 'text' | 'handle';
}

/** A compiled lexicon. */
export interface Matcher {
  /** Finds every non-excepted term in `text`, ordered by start offset. */
  scan(text: string, options?: ScanOptions): Match[];
  /** Number of lexicon entries compiled (terms and exceptions). */
  readonly size: number;
}

/** Options of `compileLexicon`. */
export interface CompileOptions {
  /** Add pinyin and pinyin-initial variants of Chinese terms (default true). */
  pinyin?: boolean;
  /** Detect phone numbers and messenger IDs after contact lures as `fraud` (default true). */
  contacts?: boolean;
}

/** Conditions under which a policy rule fires. */
export interface RuleMatch {
  category: Category;
  /** Severities the rule applies to; all when absent. */
  severities?: Severity[];
}

/** A policy rule: a category (and severities) mapped to an action per region or region group. */
export interface PolicyRule {
  id: string;
  description?: string;
  when: RuleMatch;
  /** `default` applies where no region or region group of the viewer is named. */
  actions: { default: Action } & Record<string, Action>;
  /** Label shown to viewers where the content is labelled. */
  label?: string;
  /**
   * The most a match reached only through heavy folds (`HEAVY_FOLDS`: leetspeak, homoglyphs,
   * pinyin, homophones, which can read a word that is not there) may do under this rule: every
   * action of the rule stricter than this one becomes this one (e.g. `review` where the rule
   * blocks). Exact and lightly folded matches (case, width, separators, …) keep the rule's actions.
   */
  heavyFold?: Action;
}

/** A versioned set of rules. */
export interface Policy {
  version: string;
  /** Named groups of ISO 3166-1 alpha-2 region codes, e.g. `EU`. */
  regionGroups: Record<string, string[]>;
  /** Action when no rule fires. */
  defaultAction: Action;
  rules: PolicyRule[];
  /** Operator changes to the shipped lexicon, carried (and versioned) with the policy. */
  lexicon?: PolicyLexicon;
  /** Overrides of the server's trust-level limits, per level (`null`: no limit). */
  trust?: PolicyTrust;
  /** Farm detection's settings: the image popularity cut-off and the auto-restrict score. */
  farm?: PolicyFarm;
  /** What the explicit-imagery model's classes mean (docs/media.md, "Explicit imagery"). */
  explicitImagery?: PolicyExplicitImagery;
}

/** The classes of the explicit-imagery model (nsfwjs), in its output order. */
export const IMAGERY_CLASSES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'] as const;
export type ImageryClass = (typeof IMAGERY_CLASSES)[number];

/**
 * One rule over the explicit-imagery model's scores: when the sum of the scores of `classes`
 * reaches `threshold`, the image is in `category` (e.g. `sexual.explicit`) with these actions.
 */
export interface ExplicitImageryRule {
  id: string;
  description?: string;
  /** The finding's category, dotted lower case: `sexual.explicit`, `sexual.suggestive`. */
  category: string;
  classes: ImageryClass[];
  /** In (0, 1]: the summed score of `classes` at or above which the rule fires. */
  threshold: number;
  /** `default` applies where no region or region group of the viewer is named. */
  actions: { default: Action } & Record<string, Action>;
  label?: string;
}

/** A policy's explicit-imagery section: its rules replace the shipped ones as a whole. */
export interface PolicyExplicitImagery {
  rules: ExplicitImageryRule[];
}

/** A policy's farm section (docs/risk.md, "Farm detection"). */
export interface PolicyFarm {
  /** An image shared by more than this share of young accounts is popular content: no edge. */
  imageMaxShare?: number;
  /** …but never below this many accounts (a small instance still links a farm of a few). */
  imageMinAccounts?: number;
  /** A cluster at or above this score, with two kinds of evidence, restricts its level-0 members. */
  autoRestrictScore?: number;
}

/** A policy's trust section: per level ("0"–"3"), limits by name (docs/risk.md). */
export interface PolicyTrust {
  limits?: Partial<Record<'0' | '1' | '2' | '3', Partial<Record<string, number | null>>>>;
}

/**
 * A change to one shipped term (identified by its spelling and category): limit it to text of
 * one language (`lang`), to whole words (`match`), or switch it off.
 */
export interface LexiconOverride {
  term: string;
  category: Category;
  lang?: string;
  match?: MatchMode;
  off?: boolean;
}

/** Additions (terms and `allow` exceptions) and overrides of shipped terms. */
export interface PolicyLexicon {
  entries?: LexiconEntry[];
  overrides?: LexiconOverride[];
}

/** What the decision was based on: lexicon matches and labels from classifiers or people. */
export interface Evidence {
  matches: Match[];
  /** Category labels, optionally with a severity: `drugs` or `drugs:high` (default `medium`). */
  labels?: string[];
}

/** One rule that fired, with the evidence that made it fire. */
export interface FiredRule {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** The rule's default action and its per-region overrides, as written in the policy. */
  actions: Record<string, Action>;
  evidence:
    | { kind: 'match'; term: string; start: number; end: number; via?: FoldKind[] }
    | { kind: 'label'; label: string };
}

/** The outcome of a policy over some evidence. */
export interface Decision {
  policyVersion: string;
  /** The action everywhere no region-specific action applies. */
  action: Action;
  /** Actions for every region and region group the fired rules name, keyed as the policy names them. */
  regions: Record<string, Action>;
  /** Regions and region groups where the content is withheld (or stricter) but not globally. */
  withheldIn: string[];
  labels: string[];
  fired: FiredRule[];
}
