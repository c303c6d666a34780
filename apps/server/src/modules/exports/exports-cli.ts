import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Database } from '../../db/database.js';
import { createAccountDirectory } from '../accounts/account-directory.js';
import type { MediaStore } from '../media/media-store.js';
import { createStatementsService } from '../moderation/statements.service.js';
import { createPolicyService } from '../policy/policy.service.js';
import { recordAudit } from '../staff/audit.js';
import { createStaffModule } from '../staff/staff.module.js';
import type { Vault } from '../vault/vault.js';
import { writeAccountArchive } from './export-archive.js';
import { accountIdByHandle } from './exports.store.js';

// `atrium export <handle> --out FILE`: the operator writes an account's export archive (the same
// one the account holder downloads) straight to a file, audited as the command line.

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const EXPORT_USAGE = `Usage:
  atrium export <handle> --out FILE

Writes the account's data (account.json) and the images of its notes to FILE as a .tar.gz
archive, the same archive the account holder can download from their settings. The file appears
only when complete. With the embedded database, stop the server first.`;

export async function runExportCommand(
  database: Database,
  media: Pick<MediaStore, 'get'>,
  args: string[],
  io: CliIo,
  vault: Vault,
): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{ options: { out: { type: 'string' } }; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args, options: { out: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    io.err(`atrium export: ${(error as Error).message}\n\n${EXPORT_USAGE}`);
    return 2;
  }
  const handle = parsed.positionals[0];
  const out = parsed.values.out;
  if (!handle || handle === 'help' || !out || parsed.positionals.length > 1) {
    if (handle === 'help') {
      io.out(EXPORT_USAGE);
      return 0;
    }
    io.err(EXPORT_USAGE);
    return 2;
  }
  const { db } = database;
  const account = await accountIdByHandle(db, handle);
  if (!account) {
    io.err(`atrium export: no account @${handle.replace(/^@/, '')}`);
    return 1;
  }
  const staff = createStaffModule({ db, accounts: createAccountDirectory(db, vault) });
  const policies = createPolicyService({ db, staff: staff.service });
  const statements = createStatementsService({ db, rules: policies });
  const file = path.resolve(out);
  const started = performance.now();
  const result = await writeAccountArchive(
    { db, media, statements: statements.statementsOf, vault },
    account.id,
    file,
  );
  await recordAudit(db, {
    actorId: null,
    actorKind: 'cli',
    action: 'account.export',
    targetType: 'account',
    targetId: account.id,
    data: { notes: result.progress.notes, media: result.progress.media },
  });
  const { progress } = result;
  io.out(
    `Exported @${account.handle} to ${file}: ${progress.notes} notes, ${progress.comments} comments, ` +
      `${progress.media} images, ${result.bytes} bytes in ${Math.round(performance.now() - started)} ms.`,
  );
  return 0;
}
