import type { StaffService } from './staff.service.js';

/**
 * On a server's first start with no administrator, creates one and prints its one-time password
 * once, through `write` (stdout) — never through the logger, so it never reaches a log file or
 * a log collector. Returns what was created, or null when an admin exists already or none could
 * be created (`admin` is taken: then it prints how to name one).
 */
export async function createFirstAdmin(
  staff: StaffService,
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<{ handle: string; password: string } | null> {
  const created = await staff.ensureFirstAdmin();
  if (created.kind === 'exists') return null;
  if (created.kind === 'handle_taken') {
    write(
      [
        '',
        `No administrator exists, and the handle ${created.handle} is taken by an account that is`,
        'not one, so none was created (the server never invents a look-alike such as',
        `${created.handle}2). Make an account of yours admin: \`atrium staff add <handle> --role admin\``,
        '(with the embedded database, stop the server first).',
        '',
        '',
      ].join('\n'),
    );
    return null;
  }
  write(
    [
      '',
      'No administrator existed, so one was created:',
      `  login:    ${created.handle}`,
      `  password: ${created.password}`,
      'It is shown once, here, and never again. Treat it as temporary: make your own account',
      `admin (\`atrium staff add <handle> --role admin\`), then remove ${created.handle} from staff.`,
      '',
      '',
    ].join('\n'),
  );
  return created;
}
