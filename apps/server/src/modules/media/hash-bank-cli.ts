import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { DbHandle } from '../../db/database.js';
import { DomainError } from '../../http/errors.js';
import { createHashBank } from './hash-bank.js';

// `atrium hashes …`: the operator imports known-bad hash lists into the bank (docs/media.md,
// "Known-bad hashes"). An import is all or nothing: one malformed line refuses the file.

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const HASHES_USAGE = `Usage:
  atrium hashes import <file> --list <name>

The file holds one perceptual hash a line: 64 hex digits (256 bits, as Atrium computes them).
Blank lines and lines starting with # are skipped. Any other line refuses the whole file.
The list name (letters, digits, ".", "_", "-") is shown to moderators with every match;
importing the same list again adds only the hashes it did not have.`;

export async function runHashesCommand(db: DbHandle, args: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.err(`atrium hashes: ${(error as Error).message}\n\n${HASHES_USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [subcommand, file] = positionals;
  if (subcommand === 'help' || subcommand === undefined) {
    io.out(HASHES_USAGE);
    return subcommand === 'help' ? 0 : 2;
  }
  if (subcommand !== 'import' || !file || !values.list) {
    io.err(`atrium hashes: give import <file> --list <name>\n\n${HASHES_USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.err(`atrium hashes: cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  try {
    const { hashes, added } = await createHashBank({ db }).importList(text, values.list);
    io.out(`Imported list ${values.list}: ${hashes} hashes, ${added} new.`);
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      io.err(`atrium hashes: ${error.code}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { list: { type: 'string' } },
  });
}
