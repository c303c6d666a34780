import type { Policy } from '@atrium/safety';

/** The rules disabled by `policy_rule` switches, and a number that changes whenever they do. */
export type DisabledRules = () => { ids: ReadonlySet<string>; version: number };

/**
 * The policy in force without the rules switched off: what the inline check on every write
 * decides with. The version stays the policy's own (the decisions name it; the audit log says
 * which rules were off and when). Filtered once per policy and change of switches, not per write.
 */
export function withoutDisabledRules<R extends { policy: Policy }>(
  provider: { current(): Promise<R> | R },
  disabled: DisabledRules,
): { current(): Promise<R> } {
  let memo: { source: R; version: number; result: R } | null = null;
  return {
    async current() {
      const source = await provider.current();
      const off = disabled();
      if (off.ids.size === 0) return source;
      if (memo && memo.source === source && memo.version === off.version) return memo.result;
      const rules = source.policy.rules.filter((rule) => !off.ids.has(rule.id));
      const result = { ...source, policy: { ...source.policy, rules } };
      memo = { source, version: off.version, result };
      return result;
    },
  };
}
