import {
  compileLexicon,
  loadDefaultLexicon,
  loadDefaultPolicy,
  type Matcher,
  type Policy,
} from '@atrium/safety';

/** The rules the inline check applies: the active policy and the compiled lexicon. */
export interface SafetyRules {
  policy: Policy;
  matcher: Matcher;
}

/** Where the current rules come from (the staff module stores versioned policies). */
export interface SafetyRulesProvider {
  current(): Promise<SafetyRules> | SafetyRules;
}

let shipped: SafetyRules | undefined;

/** The shipped lexicons and default policy, compiled once per process. */
export function shippedRules(): SafetyRules {
  shipped ??= { policy: loadDefaultPolicy(), matcher: compileLexicon(loadDefaultLexicon()) };
  return shipped;
}

export const shippedRulesProvider: SafetyRulesProvider = { current: shippedRules };
