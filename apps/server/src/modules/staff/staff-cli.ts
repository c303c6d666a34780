import { parseArgs } from 'node:util';
import type { StaffMember, StaffRole } from '@atrium/contracts';
import type { Database } from '../../db/database.js';
import { DomainError } from '../../http/errors.js';
import type { AccountDirectory } from './account-directory.js';
import { verifyAuditChain } from './audit.js';
import { createStaffService } from './staff.service.js';

// `atrium staff …` and `atrium audit …`: operators acting on the database directly. Each command
// returns its exit code; output goes through `io`, so tests run them in-process.

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const STAFF_USAGE = `Usage:
  atrium staff add <handle> --role admin|moderator|analyst [--languages en,es] [--regions US,BR]
      make an account staff, or change its role and scope (lists given replace the old ones)
  atrium staff remove <handle>
  atrium staff list
  atrium audit verify
      check the audit log's hash chain (exit 1 when a record was edited, deleted or moved)`;

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function describeScope(values: string[]): string {
  return values.length > 0 ? values.join(', ') : 'all';
}

function describeMember(member: StaffMember): string {
  return `${member.handle} as ${member.role} (languages: ${describeScope(member.languages)}; regions: ${describeScope(member.regions)})`;
}

function fail(io: CliIo, error: unknown, command: string): number {
  if (error instanceof DomainError) {
    const detail =
      error.detail && error.detail.toLowerCase() !== error.title.toLowerCase()
        ? ` (${error.detail})`
        : '';
    io.err(`atrium ${command}: ${error.title}${detail}`);
    return 1;
  }
  throw error;
}

/**
 * `accounts` is the only part of the rest of the app the command needs: it looks accounts up
 * (and creates none), so no sessions, SMS or moderation are built.
 */
export async function runStaffCommand(
  database: Database,
  args: string[],
  io: CliIo,
  accounts: AccountDirectory,
): Promise<number> {
  let parsed: ReturnType<typeof parseStaffArgs>;
  try {
    parsed = parseStaffArgs(args);
  } catch (error) {
    io.err(`atrium staff: ${(error as Error).message}\n\n${STAFF_USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [subcommand, handle] = positionals;
  const staff = createStaffService({ db: database.db, accounts });
  const actor = { kind: 'cli' } as const;
  try {
    switch (subcommand) {
      case 'add': {
        if (!handle || !values.role) {
          io.err(`atrium staff add needs a handle and --role\n\n${STAFF_USAGE}`);
          return 2;
        }
        const languages = list(values.languages);
        const regions = list(values.regions);
        const { member, created } = await staff.upsertMember(actor, {
          handle,
          role: values.role as StaffRole,
          ...(languages ? { languages } : {}),
          ...(regions ? { regions } : {}),
        });
        io.out(`${created ? 'Added' : 'Updated'} ${describeMember(member)}.`);
        return 0;
      }
      case 'remove': {
        if (!handle) {
          io.err(`atrium staff remove needs a handle\n\n${STAFF_USAGE}`);
          return 2;
        }
        await staff.removeMember(actor, handle);
        io.out(`Removed ${handle.toLowerCase()} from staff (the account stays).`);
        return 0;
      }
      case 'list': {
        let cursor: string | undefined;
        let count = 0;
        do {
          const page = await staff.listMembers(actor, {
            limit: 100,
            ...(cursor ? { cursor } : {}),
          });
          for (const member of page.items) {
            io.out(
              `${member.handle.padEnd(31)}${member.role.padEnd(11)}languages: ${describeScope(member.languages)}; regions: ${describeScope(member.regions)}`,
            );
          }
          count += page.items.length;
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        if (count === 0) io.out('No staff members.');
        return 0;
      }
      case 'help':
        io.out(STAFF_USAGE);
        return 0;
      default:
        io.err(`${subcommand ? `Unknown command "staff ${subcommand}".\n\n` : ''}${STAFF_USAGE}`);
        return 2;
    }
  } catch (error) {
    return fail(io, error, `staff ${subcommand}`);
  }
}

function parseStaffArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      languages: { type: 'string' },
      regions: { type: 'string' },
    },
  });
}

export async function runAuditCommand(
  database: Database,
  args: string[],
  io: CliIo,
): Promise<number> {
  if (args[0] !== 'verify' || args.length > 1) {
    io.err(STAFF_USAGE);
    return 2;
  }
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    const head = result.head ? ` (last #${result.head.seq}, hash ${result.head.hash})` : '';
    io.out(`Audit log intact: ${result.checked} records${head}.`);
    return 0;
  }
  io.err(`Audit log BROKEN: ${result.problems.length} problem(s) in ${result.checked} records:`);
  for (const problem of result.problems) io.err(`  #${problem.seq} ${problem.kind}`);
  return 1;
}
