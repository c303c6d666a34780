/**
 * Policy decisions: every piece of evidence fires the rules of its category and severity, each
 * rule gives an action per region, and the most restrictive action wins per region.
 */
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
function ruleActionFor(rule: PolicyRule, key: string, policy: Policy): Action {
  const direct = rule.actions[key];
  if (direct) return direct;
  let action: Action | undefined;
  for (const [group, members] of Object.entries(policy.regionGroups)) {
    const groupAction = rule.actions[group];
    if (groupAction && members.includes(key))
      action = action ? stricter(action, groupAction) : groupAction;
  }
  return action ?? rule.actions.default;
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
    evidence: { kind: 'match', term: match.term, start: match.start, end: match.end },
  }));
  for (const label of evidence.labels ?? []) {
    const item = labelItem(label);
    if (item) items.push(item);
  }
  const fired: FiredRule[] = [];
  const firedRules: PolicyRule[] = [];
  for (const item of items) {
    for (const rule of policy.rules) {
      if (!applies(rule, item)) continue;
      fired.push({
        ruleId: rule.id,
        category: item.category,
        severity: item.severity,
        actions: { ...rule.actions },
        evidence: item.evidence,
      });
      if (!firedRules.includes(rule)) firedRules.push(rule);
    }
  }
  if (firedRules.length === 0) {
    return {
      policyVersion: policy.version,
      action: policy.defaultAction,
      regions: {},
      withheldIn: [],
      labels: [],
      fired,
    };
  }

  const action = firedRules.map((rule) => rule.actions.default).reduce(stricter);
  const keys = new Set(
    firedRules.flatMap((rule) => Object.keys(rule.actions).filter((key) => key !== 'default')),
  );
  const regions: Record<string, Action> = {};
  for (const key of [...keys].sort()) {
    regions[key] = firedRules.map((rule) => ruleActionFor(rule, key, policy)).reduce(stricter);
  }
  // Withholding only says something when the content is visible elsewhere.
  const withheld = actionRank('withhold');
  const withheldIn =
    actionRank(action) >= withheld
      ? []
      : Object.keys(regions).filter((key) => actionRank(regions[key]!) >= withheld);
  const labels = [
    ...new Set(
      firedRules
        .filter((rule) => rule.label && Object.values(rule.actions).includes('label'))
        .map((rule) => rule.label!),
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
