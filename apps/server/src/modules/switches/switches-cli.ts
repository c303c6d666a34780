import { parseArgs } from 'node:util';
import { type KillSwitch, type SwitchName, switchNames } from '@atrium/contracts';
import { DomainError } from '../../http/errors.js';
import type { SwitchesService } from './switches.service.js';

// `atrium switch …`: the operator flips kill switches on the database directly (audited as the
// command line). On PostgreSQL every running node applies the change within a second.

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const SWITCH_USAGE = `Usage:
  atrium switch list
  atrium switch on <name> [--country XX] [--rule ID] [--reason TEXT]
  atrium switch off <name> [--country XX] [--rule ID] [--reason TEXT]

Names: ${switchNames.join(', ')}
  signups          new accounts (--country XX: from one country only)
  uploads          image uploads
  translation      machine translation (cached translations are still served)
  posting          read-only mode: no notes, comments, likes, follows or profile edits
  discover_frozen  discover serves its last computed pages
  policy_rule      one rule of the moderation policy in force (--rule ID)`;

function describe(item: KillSwitch): string {
  const target = item.target ? ` ${item.target}` : '';
  const by = item.by ? item.by.handle : 'command line';
  const reason = item.reason ? ` — ${item.reason}` : '';
  return `${`${item.name}${target}`.padEnd(28)}on since ${item.since} by ${by}${reason}`;
}

export async function runSwitchCommand(
  switches: SwitchesService,
  args: string[],
  io: CliIo,
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.err(`atrium switch: ${(error as Error).message}\n\n${SWITCH_USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [subcommand, name] = positionals;
  const actor = { kind: 'cli' } as const;
  try {
    switch (subcommand) {
      case 'list': {
        const { on } = await switches.list(actor);
        if (on.length === 0) io.out('Every switch is off.');
        for (const item of on) io.out(describe(item));
        return 0;
      }
      case 'on':
      case 'off': {
        if (!name || !(switchNames as readonly string[]).includes(name)) {
          io.err(`atrium switch ${subcommand} needs a switch name\n\n${SWITCH_USAGE}`);
          return 2;
        }
        if (values.country && values.rule) {
          io.err('atrium switch: give --country or --rule, not both');
          return 2;
        }
        const target = values.country ?? values.rule;
        await switches.set(actor, name as SwitchName, {
          on: subcommand === 'on',
          ...(target ? { target } : {}),
          ...(values.reason ? { reason: values.reason } : {}),
        });
        const shown = values.country?.toUpperCase() ?? values.rule;
        const what = shown ? `${name} ${shown}` : name;
        io.out(`Switched ${subcommand} ${what}. Running nodes apply it within a second.`);
        return 0;
      }
      case 'help':
        io.out(SWITCH_USAGE);
        return 0;
      default:
        io.err(`${subcommand ? `Unknown command "switch ${subcommand}".\n\n` : ''}${SWITCH_USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof DomainError) {
      io.err(`atrium switch ${subcommand}: ${error.detail ?? error.title}`);
      return 1;
    }
    throw error;
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      country: { type: 'string' },
      rule: { type: 'string' },
      reason: { type: 'string' },
    },
  });
}
