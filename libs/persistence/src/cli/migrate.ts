// Brings the schema up to date:
//   DATABASE_URL=postgres://… node -r ./scripts/register-paths.cjs dist/libs/persistence/src/cli/migrate.js
// `npm start` runs it before the worker and the API; a deployment runs it before a release.
import { createDataSource, runMigrations } from '../create-data-source';
import { createLogger } from '../logger';

const log = createLogger('migrate');

async function main(databaseUrl: string | undefined): Promise<number> {
  if (!databaseUrl) {
    log.error('DATABASE_URL is not set (postgres://user:password@host:port/database)');
    return 2;
  }
  const ds = createDataSource(databaseUrl);
  await ds.initialize();
  try {
    const applied = await runMigrations(ds);
    log.info(
      { applied: applied.map((m) => m.name) },
      applied.length ? 'migrations applied' : 'schema up to date',
    );
    return 0;
  } finally {
    await ds.destroy();
  }
}

main(process.env.DATABASE_URL).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log.error({ err: error }, 'migration failed');
    process.exitCode = 1;
  },
);
