import {
  type Action,
  actionForRegion,
  type Decision,
  decide,
  type Match,
  type Matcher,
  type Policy,
  SEVERITIES,
} from '@atrium/safety';
import type { EvidenceSpan, NoteStatus, RegionActions, VisibleAction } from '../../db/schema.js';
import { languageOf } from '../../lib/language-of.js';
import type { SafetyRules } from './safety-rules.js';

/**
 * The text fields of one write, by name (`title`, `body`, `bio`, …). A field named `handle` is
 * an account handle: it is scanned as one (terms inside it split at `_` and digits).
 */
export type ContentFields = Record<string, string>;

const HANDLE_FIELD = 'handle';

/** What the inline check decided for one write, ready to store. */
export interface ContentOutcome {
  decision: Decision;
  /** Every match, in which field, and which rules it fired. */
  evidence: EvidenceSpan[];
  /** `block` everywhere: nothing is stored and the author gets 422 CONTENT_REJECTED. */
  rejected: boolean;
  /** `review` everywhere: stored but only its author sees it until a moderator decides. */
  held: boolean;
  status: NoteStatus;
  moderationAction: VisibleAction;
  regionActions: RegionActions | null;
  labels: string[];
  /** Countries where the content is withheld (sorted), for the statement of reasons. */
  withheldIn: string[];
  /** Anything other than a plain `allow`: a decision worth recording. */
  restricted: boolean;
  /** The most severe category that fired (for case priority), if any. */
  topCategory: string | null;
  topSeverity: string | null;
  /** Some text's own language could not be told (scanned in the fallback, or with every term). */
  languageUnknown: boolean;
}

/** What a region may see of published content: review and block there mean withheld there. */
function visibleAction(action: Action): VisibleAction {
  return action === 'review' || action === 'block' ? 'withhold' : action;
}

/** The countries where per-region actions withhold content, in their order. */
export function withholdingCountries(regionActions: RegionActions | null): string[] {
  return Object.entries(regionActions ?? {})
    .filter(([, action]) => action === 'withhold')
    .map(([country]) => country);
}

const isCountry = (key: string) => /^[A-Z]{2}$/.test(key);

/**
 * The per-country actions a decision implies, expanded from region groups (`EU`,
 * `STRICT_DRUG_LAWS`) to ISO countries so that the read path is one JSON lookup, and kept only
 * where they differ from the global action.
 */
export function regionActionsOf(
  decision: Decision,
  policy: Policy,
  global: VisibleAction,
): RegionActions | null {
  const countries = new Set<string>();
  for (const key of Object.keys(decision.regions)) {
    if (isCountry(key)) countries.add(key);
    for (const member of policy.regionGroups[key] ?? []) countries.add(member);
  }
  const result: RegionActions = {};
  for (const country of [...countries].sort()) {
    const action = visibleAction(actionForRegion(decision, policy, country));
    if (action !== global) result[country] = action;
  }
  return Object.keys(result).length > 0 ? result : null;
}

function spansOf(field: string, matches: Match[], policy: Policy): EvidenceSpan[] {
  if (matches.length === 0) return [];
  const fired = decide({ matches }, policy).fired;
  return fired.flatMap((rule) =>
    rule.evidence.kind === 'match'
      ? [
          {
            field,
            start: rule.evidence.start,
            end: rule.evidence.end,
            term: rule.evidence.term,
            category: rule.category,
            severity: rule.severity,
            ruleId: rule.ruleId,
            ...(rule.evidence.via ? { via: rule.evidence.via } : {}),
          },
        ]
      : [],
  );
}

/**
 * The language a text is scanned in: its own when detection is reliable, else the fallback
 * (the author's language, see `CheckOptions`), else null (every term applies). Notes in `seen`
 * whether a text's own language could not be told.
 */
function scanLanguage(seen: { unknown: boolean }, fallback: string | null, ...texts: string[]) {
  const own = languageOf(...texts);
  if (own) return own;
  seen.unknown = true;
  return fallback;
}

/** Scans one field: handles as handles, other texts in their language (`scanLanguage`). */
function scanField(
  matcher: Matcher,
  field: string,
  text: string,
  lang: (...texts: string[]) => string | null,
): Match[] {
  if (field === HANDLE_FIELD) return matcher.scan(text, { kind: 'handle' });
  return matcher.scan(text, { lang: lang(text) });
}

/** How much of each side of the title/body join is read again: longer than any term or contact. */
const JOIN_WINDOW = 96;

/**
 * Terms split between a title and its body (`…escort` / `service…`): the end of the title and
 * the start of the body are scanned joined by a line break (only a window around the join: every
 * other match is already found field by field), and a match that spans the join becomes one
 * match for the decision and two evidence spans, one in each field.
 */
function acrossTitleAndBody(
  matcher: Matcher,
  title: string,
  body: string,
  policy: Policy,
  lang: (...texts: string[]) => string | null,
): { matches: Match[]; evidence: EvidenceSpan[] } {
  const titleFrom = Math.max(0, title.length - JOIN_WINDOW);
  const tail = title.slice(titleFrom);
  const joined = `${tail}\n${body.slice(0, JOIN_WINDOW)}`;
  const bodyStart = tail.length + 1;
  const matches = matcher
    .scan(joined, { lang: lang(title, body) })
    .filter((match) => match.start < tail.length && match.end > bodyStart)
    .map((match) => ({ ...match, start: titleFrom + match.start, end: match.end - bodyStart }));
  // `start` is now an offset into the title and `end` one into the body
  const evidence = matches.flatMap((match) => [
    ...spansOf('title', [{ ...match, end: title.length }], policy),
    ...spansOf('body', [{ ...match, start: 0 }], policy),
  ]);
  return { matches, evidence };
}

/**
 * The inline safety check of one write: scan each field with the compiled lexicon (with the
 * language detected in it; handles as handles; title and body also joined), decide with the
 * active policy over all matches together, and translate the decision into what is stored.
 * Pure and synchronous: well under a millisecond for a long note (see bench/moderation).
 */
export interface CheckOptions {
  /**
   * The language to scan a text in when its own cannot be told (a short post, emoji, romanized
   * text): the author's, from `decisionLanguage` (docs/lang.md). Without it, every term applies.
   */
  fallbackLang?: string | null;
}

export function checkContent(
  rules: SafetyRules,
  fields: ContentFields,
  options: CheckOptions = {},
): ContentOutcome {
  const { policy, matcher } = rules;
  const all: Match[] = [];
  const evidence: EvidenceSpan[] = [];
  const seen = { unknown: false };
  const lang = (...texts: string[]) => scanLanguage(seen, options.fallbackLang ?? null, ...texts);
  for (const [field, text] of Object.entries(fields)) {
    if (!text) continue;
    const matches = scanField(matcher, field, text, lang);
    all.push(...matches);
    evidence.push(...spansOf(field, matches, policy));
  }
  if (fields.title && fields.body) {
    const across = acrossTitleAndBody(matcher, fields.title, fields.body, policy, lang);
    all.push(...across.matches);
    evidence.push(...across.evidence);
  }
  const decision = decide({ matches: all }, policy);
  const held = decision.action === 'review';
  const rejected = decision.action === 'block';
  // A held note is published as the rest of the policy says once a moderator approves it.
  const moderationAction: VisibleAction =
    held || rejected ? 'allow' : visibleAction(decision.action);
  const regionActions = regionActionsOf(decision, policy, moderationAction);
  const withheldIn = withholdingCountries(regionActions);
  let top: EvidenceSpan | undefined;
  for (const span of evidence) {
    if (
      !top ||
      SEVERITIES.indexOf(span.severity as never) > SEVERITIES.indexOf(top.severity as never)
    )
      top = span;
  }
  return {
    decision,
    evidence,
    rejected,
    held,
    status: held ? 'pending_review' : 'published',
    moderationAction,
    regionActions,
    labels: decision.labels,
    withheldIn,
    restricted: decision.fired.length > 0,
    topCategory: top?.category ?? null,
    topSeverity: top?.severity ?? null,
    languageUnknown: seen.unknown,
  };
}

/**
 * The reasons given with 422 CONTENT_REJECTED: which rule, in which field, where. By default the
 * rules that block; `all` lists every rule that fired (profile texts refused for being held).
 */
export function rejectionReasons(outcome: ContentOutcome, policy: Policy, all = false) {
  const rules = new Map(policy.rules.map((rule) => [rule.id, rule]));
  const spans = all
    ? outcome.evidence
    : outcome.evidence.filter((span) => rules.get(span.ruleId)?.actions.default === 'block');
  return spans.map((span) => ({
    ruleId: span.ruleId,
    category: span.category,
    field: span.field,
    start: span.start,
    end: span.end,
    description: rules.get(span.ruleId)?.description ?? null,
  }));
}

const VISIBLE_ORDER: VisibleAction[] = ['allow', 'label', 'limit', 'withhold'];
const stricterVisible = (a: VisibleAction, b: VisibleAction): VisibleAction =>
  VISIBLE_ORDER.indexOf(a) >= VISIBLE_ORDER.indexOf(b) ? a : b;

/** The visible state of published content: its global action, regional actions and labels. */
export interface VisibleState {
  moderation_action: VisibleAction;
  region_actions: RegionActions | null;
  labels: string[];
}

/** The stricter of two states in every region (a moderator's restriction survives an edit). */
export function stricterState<T extends VisibleState>(base: T, extra: VisibleState): T {
  const global = stricterVisible(base.moderation_action, extra.moderation_action);
  const countries = new Set([
    ...Object.keys(base.region_actions ?? {}),
    ...Object.keys(extra.region_actions ?? {}),
  ]);
  const regions: RegionActions = {};
  for (const country of [...countries].sort()) {
    const action = stricterVisible(
      base.region_actions?.[country] ?? base.moderation_action,
      extra.region_actions?.[country] ?? extra.moderation_action,
    );
    if (action !== global) regions[country] = action;
  }
  return {
    ...base,
    moderation_action: global,
    region_actions: Object.keys(regions).length > 0 ? regions : null,
    labels: [...new Set([...base.labels, ...extra.labels])],
  };
}
