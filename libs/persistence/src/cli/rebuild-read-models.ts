// Rebuilds the read models from the event log:
//   DATABASE_URL=postgres://… node -r ./scripts/register-paths.cjs dist/libs/persistence/src/cli/rebuild-read-models.js
// Runs pending migrations first, so it also works on a database that has never been started.
import type { Logger } from 'pino';
import { createLogger } from '../logger';
import { rebuildReadModels } from '../read-models/rebuild-read-models';
import { exitWith, runWithDataSource } from './run-with-data-source';

/** Returns the process exit code: 0 done, 2 not configured; throws when the rebuild fails. */
export function main(
  databaseUrl: string | undefined,
  log: Logger = createLogger('rebuild-read-models'),
): Promise<number> {
  return runWithDataSource(databaseUrl, log, async (ds, migrations) => {
    const started = Date.now();
    const counts = await rebuildReadModels(ds);
    log.info({ ...counts, migrations, ms: Date.now() - started }, 'read models rebuilt');
  });
}

if (require.main === module) {
  const log = createLogger('rebuild-read-models');
  exitWith(main(process.env.DATABASE_URL, log), log, 'rebuild failed');
}
