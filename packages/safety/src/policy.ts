/**
 * Policy decisions: every piece of evidence fires the rules of its category and severity, each
 * rule gives an action per region, and the most restrictive action wins per region.
 */

import { HEAVY_FOLDS } from './explain.js';
import {
  ACTIONS,
  type Action,
  CATEGORIES,
  type Category,
  type Decision,
  type Evidence,
  type FiredRule,
  type Policy,
  type PolicyRule,
  SEVERITIES,
  type Severity,
} from './types.js';

/** Position of an action in `allow` < `label` < `limit` < `withhold` < `review` < `block`. */
export function actionRank(action: Action): number {
  return ACTIONS.indexOf(action);
}

function stricter(a: Action, b: Action): Action {
  return actionRank(a) >= actionRank(b) ? a : b;
}

interface Item {
  category: Category;
  severity: Severity;
  evidence: FiredRule['evidence'];
  /** Reached only through heavy folds (see `PolicyRule.heavyFold`). */
  heavy: boolean;
}

/** Reads a label `category` or `category:severity`; unknown categories carry no rule. */
function labelItem(label: string): Item | undefined {
  const [category, severity = 'medium'] = label.split(':');
  if (!(CATEGORIES as readonly string[]).includes(category!)) return undefined;
  if (!(SEVERITIES as readonly string[]).includes(severity)) return undefined;
  return {
    category: category as Category,
    severity: severity as Severity,
    evidence: { kind: 'label', label },
    heavy: false,
  };
}

function applies(rule: PolicyRule, item: Item): boolean {
  return (
    rule.when.category === item.category &&
    (!rule.when.severities || rule.when.severities.includes(item.severity))
  );
}

/**
 * A rule's action for a region key: the key itself, else (for a country) the strictest group
 * of the rule that contains it, else the rule's default.
 */
function ruleActionFor(actions: FiredRule['actions'], key: string, policy: Policy): Action {
  const direct = actions[key];
  if (direct) return direct;
  let action: Action | undefined;
  for (const [group, members] of Object.entries(policy.regionGroups)) {
    const groupAction = actions[group];
    if (groupAction && members.includes(key))
      action = action ? stricter(action, groupAction) : groupAction;
  }
  return action ?? actions.default!;
}

/** A rule's actions for one item: capped at `heavyFold` for a match made through heavy folds. */
function actionsFor(rule: PolicyRule, item: Item): Record<string, Action> {
  const cap = item.heavy ? rule.heavyFold : undefined;
  const actions: Record<string, Action> = {};
  for (const [key, action] of Object.entries(rule.actions))
    actions[key] = cap && actionRank(action) > actionRank(cap) ? cap : action;
  return actions;
}

/**
 * Decides what happens to content given its evidence under a policy (which should have passed
 * `validatePolicy`). Returns the global action, the per-region actions that differ from it,
 * the regions where it is withheld, labels, and every rule that fired with its evidence.
 */
export function decide(evidence: Evidence, policy: Policy): Decision {
  const items: Item[] = evidence.matches.map((match) => ({
    category: match.category,
    severity: match.severity,
    evidence: {
      kind: 'match',
      term: match.term,
      start: match.start,
      end: match.end,
      ...(match.via ? { via: match.via } : {}),
    },
    heavy: match.via?.some((kind) => HEAVY_FOLDS.includes(kind)) ?? false,
  }));
  for (const label of evidence.labels ?? []) {
    const item = labelItem(label);
    if (item) items.push(item);
  }
  const fired: FiredRule[] = [];
  for (const item of items) {
    for (const rule of policy.rules) {
      if (!applies(rule, item)) continue;
      fired.push({
        ruleId: rule.id,
        category: item.category,
        severity: item.severity,
        actions: actionsFor(rule, item),
        evidence: item.evidence,
      });
    }
  }
  if (fired.length === 0) {
    return {
      policyVersion: policy.version,
      action: policy.defaultAction,
      regions: {},
      withheldIn: [],
      labels: [],
      fired,
    };
  }

  // Each firing carries its own actions (a heavily folded match may be capped), so the decision
  // is the strictest over firings rather than over rules.
  const action = fired.map((firing) => firing.actions.default!).reduce(stricter);
  const keys = new Set(
    fired.flatMap((firing) => Object.keys(firing.actions).filter((key) => key !== 'default')),
  );
  const regions: Record<string, Action> = {};
  for (const key of [...keys].sort()) {
    regions[key] = fired
      .map((firing) => ruleActionFor(firing.actions, key, policy))
      .reduce(stricter);
  }
  // Withholding only says something when the content is visible elsewhere.
  const withheld = actionRank('withhold');
  const withheldIn =
    actionRank(action) >= withheld
      ? []
      : Object.keys(regions).filter((key) => actionRank(regions[key]!) >= withheld);
  const rules = new Map(policy.rules.map((rule) => [rule.id, rule]));
  const labels = [
    ...new Set(
      fired
        .filter((firing) => Object.values(firing.actions).includes('label'))
        .map((firing) => rules.get(firing.ruleId)?.label)
        .filter((label): label is string => !!label),
    ),
  ];
  return { policyVersion: policy.version, action, regions, withheldIn, labels, fired };
}

/**
 * The action a viewer in `region` (ISO 3166-1 alpha-2) gets under a decision: the region's own
 * action, else the strictest of its groups, else the global action.
 */
export function actionForRegion(decision: Decision, policy: Policy, region: string): Action {
  const own = decision.regions[region];
  if (own) return own;
  let action: Action | undefined;
  for (const [group, members] of Object.entries(policy.regionGroups)) {
    const groupAction = decision.regions[group];
    if (groupAction && members.includes(region))
      action = action ? stricter(action, groupAction) : groupAction;
  }
  return action ?? decision.action;
}
