// Verifies the event log's hash chains, case by case:
//   DATABASE_URL=postgres://… node -r ./scripts/register-paths.cjs dist/libs/persistence/src/cli/audit-verify.js [--organisation <id>]
// One line per broken case, then `N cases checked, M broken`. Exit code 0 all verified, 1 any
// broken (or the check failed), 2 bad arguments or no DATABASE_URL. Runs pending migrations first.
import type { Logger } from 'pino';
import { createLogger } from '../logger';
import { AuditRepository } from '../repositories/audit.repository';
import { exitWith, runWithDataSource } from './run-with-data-source';

const USAGE = 'usage: audit-verify [--organisation <id>]  (every organisation when left out)';

/** Where the report goes: its lines are the command's output, not log records. */
export interface AuditOutput {
  line(text: string): void;
  error(text: string): void;
}

const STDIO: AuditOutput = {
  line: (text) => process.stdout.write(`${text}\n`),
  error: (text) => process.stderr.write(`${text}\n`),
};

/** `--organisation <id>` or `--organisation=<id>`, nothing else. */
export function parseAuditArgs(
  argv: string[],
): { ok: true; organisationId?: string } | { ok: false; reason: string } {
  let organisationId: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const inline = /^--organisation=(.*)$/.exec(arg);
    const value = inline ? inline[1] : arg === '--organisation' ? argv[++i] : undefined;
    if (!inline && arg !== '--organisation')
      return { ok: false, reason: `unknown argument ${arg}` };
    if (!value || value.startsWith('--'))
      return { ok: false, reason: '--organisation needs an id' };
    if (organisationId !== undefined) return { ok: false, reason: '--organisation given twice' };
    organisationId = value;
  }
  return organisationId === undefined ? { ok: true } : { ok: true, organisationId };
}

/** Returns the exit code: 0 all verified, 1 a case is broken, 2 bad arguments or no DATABASE_URL. */
export async function main(
  argv: string[],
  databaseUrl: string | undefined,
  output: AuditOutput = STDIO,
  log: Logger = createLogger('audit-verify'),
): Promise<number> {
  const args = parseAuditArgs(argv);
  if (!args.ok) {
    output.error(`${args.reason}\n${USAGE}`);
    return 2;
  }
  let checked = 0;
  let broken = 0;
  const code = await runWithDataSource(
    databaseUrl,
    log,
    async (ds) => {
      for await (const c of new AuditRepository(ds).verifyOrganisation(args.organisationId)) {
        checked++;
        if (c.verified) continue;
        broken++;
        output.line(
          `BROKEN organisation ${c.organisationId} case ${c.caseId}: first broken seq ${c.firstBrokenSeq} (${c.events} events)`,
        );
      }
      output.line(`${checked} cases checked, ${broken} broken`);
    },
    { migrate: false },
  );
  return code === 0 && broken > 0 ? 1 : code;
}

if (require.main === module) {
  const log = createLogger('audit-verify');
  exitWith(main(process.argv.slice(2), process.env.DATABASE_URL, STDIO, log), log, 'audit failed');
}
