import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '../create-data-source';

/**
 * The frame every persistence command shares: DATABASE_URL checked, the schema brought up to date,
 * the work done, the pool closed. Returns the exit code: 0 done, 2 not configured.
 */
export async function runWithDataSource(
  databaseUrl: string | undefined,
  log: Logger,
  work: (ds: DataSource, applied: string[]) => Promise<void>,
  /** false for a command that only reads (a verifier writes nothing, not even a migration). */
  options: { migrate?: boolean } = {},
): Promise<number> {
  if (!databaseUrl) {
    log.error('DATABASE_URL is not set (postgres://user:password@host:port/database)');
    return 2;
  }
  const ds = createDataSource(databaseUrl);
  await ds.initialize();
  try {
    const applied = options.migrate === false ? [] : await runMigrations(ds);
    await work(
      ds,
      applied.map((m) => m.name),
    );
    return 0;
  } finally {
    await ds.destroy();
  }
}

/** Runs a command's main and sets the process exit code; a failure is logged, exit code 1. */
export function exitWith(main: Promise<number>, log: Logger, failure: string): void {
  main.then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      log.error({ err: error }, failure);
      process.exitCode = 1;
    },
  );
}
