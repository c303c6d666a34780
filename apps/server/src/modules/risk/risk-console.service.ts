import type { RiskOverview, SurgeMode, SurgeState } from '@atrium/contracts';
import type { Db } from '../../db/database.js';
import type { Viewer } from '../../http/viewer.js';
import { riskError } from './risk.errors.js';
import { mayReadRiskConsole, maySwitchSurge, type RiskReader } from './risk.policy.js';
import type { SurgeModeService } from './surge-mode.js';
import { signupsByCountry, signupsByDecision, topSignupReasons } from './surge-mode.store.js';

export interface RiskConsoleDeps {
  db: Db;
  surge: SurgeModeService;
  staffMember(accountId: string): Promise<RiskReader | null>;
  now?: () => Date;
}

const MINUTE = 60_000;

/** The staff risk console: the door's aggregates and the surge switches. */
export function createRiskConsole(deps: RiskConsoleDeps) {
  const now = deps.now ?? (() => new Date());

  async function check(viewer: Viewer, denialOf: typeof mayReadRiskConsole) {
    const denial = denialOf(await deps.staffMember(viewer.accountId));
    if (denial) throw riskError(denial.code, denial.reason);
  }

  async function overview(viewer: Viewer, minutes = 60): Promise<RiskOverview> {
    await check(viewer, mayReadRiskConsole);
    const to = new Date(Math.ceil(now().getTime() / MINUTE) * MINUTE);
    const from = new Date(to.getTime() - minutes * MINUTE);
    const [byDecision, byCountry, topReasons] = await Promise.all([
      signupsByDecision(deps.db, from, to),
      signupsByCountry(deps.db, from, to, 8),
      topSignupReasons(deps.db, from, to, 10),
    ]);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      byDecision: byDecision.map((row) => ({ ...row, at: row.at.toISOString() })),
      byCountry: byCountry.map((row) => ({ ...row, at: row.at.toISOString() })),
      topReasons,
      surge: deps.surge.state(),
    };
  }

  async function surgeState(viewer: Viewer): Promise<SurgeState> {
    await check(viewer, mayReadRiskConsole);
    return deps.surge.state();
  }

  async function setMode(viewer: Viewer, mode: SurgeMode): Promise<SurgeState> {
    await check(viewer, maySwitchSurge);
    await deps.surge.setMode(viewer.accountId, mode);
    return deps.surge.state();
  }

  async function setPaused(viewer: Viewer, country: string, paused: boolean) {
    await check(viewer, maySwitchSurge);
    await deps.surge.setPaused(viewer.accountId, country.toUpperCase(), paused);
    return deps.surge.state();
  }

  return { overview, surgeState, setMode, setPaused };
}

export type RiskConsole = ReturnType<typeof createRiskConsole>;
