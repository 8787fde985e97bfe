// Rebuilds the read models from the event log:
//   DATABASE_URL=postgres://… node -r ./scripts/register-paths.cjs dist/libs/persistence/src/cli/rebuild-read-models.js
// Runs pending migrations first, so it also works on a database that has never been started.
import type { Logger } from 'pino';
import { createDataSource, runMigrations } from '../create-data-source';
import { createLogger } from '../logger';
import { rebuildReadModels } from '../read-models/rebuild-read-models';

/** Returns the process exit code: 0 done, 2 not configured; throws when the rebuild fails. */
export async function main(
  databaseUrl: string | undefined,
  log: Logger = createLogger('rebuild-read-models'),
): Promise<number> {
  if (!databaseUrl) {
    log.error('DATABASE_URL is not set (postgres://user:password@host:port/database)');
    return 2;
  }
  const ds = createDataSource(databaseUrl);
  await ds.initialize();
  try {
    const migrations = await runMigrations(ds);
    const started = Date.now();
    const counts = await rebuildReadModels(ds);
    log.info(
      { ...counts, migrations: migrations.map((m) => m.name), ms: Date.now() - started },
      'read models rebuilt',
    );
    return 0;
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  const log = createLogger('rebuild-read-models');
  main(process.env.DATABASE_URL, log).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      log.error({ err: error }, 'rebuild failed');
      process.exitCode = 1;
    },
  );
}
