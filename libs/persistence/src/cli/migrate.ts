// Brings the schema up to date:
//   DATABASE_URL=postgres://… node -r ./scripts/register-paths.cjs dist/libs/persistence/src/cli/migrate.js
// `npm start` runs it before the worker and the API; a deployment runs it before a release.
import { createLogger } from '../logger';
import { exitWith, runWithDataSource } from './run-with-data-source';

const log = createLogger('migrate');

exitWith(
  runWithDataSource(process.env.DATABASE_URL, log, (_ds, applied) => {
    log.info({ applied }, applied.length ? 'migrations applied' : 'schema up to date');
    return Promise.resolve();
  }),
  log,
  'migration failed',
);
