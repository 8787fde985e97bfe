// A real Temporal server (v1.29.1, its four services in one process) on its own PostgreSQL, for
// the benchmark: what a production deployment runs, next to the dev server's SQLite.
//   import { startTemporalServer } from './temporal-server.mjs'     (in-process, from ESM)
//   node scripts/dev-services/temporal-server.mjs --data-dir DIR [--port N] [--namespace NS]
//     prints `READY <address>` on stdout, stops cleanly on SIGTERM/SIGINT or when stdin closes.
//     The binaries come from TEMPORAL_SERVER_PATH, TEMPORAL_SQL_TOOL_PATH,
//     TEMPORAL_SERVER_SCHEMA_DIR and TEMPORAL_CLI_PATH: run it through
//     `node scripts/toolchain.mjs --dev-server --temporal-server -- node …`.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { eachLine, run, supervise } from './child-processes.mjs';
import { freePort, portFree } from './ports.mjs';
import { cliFlags, runIfMain, serveUntilStopped } from './service-cli.mjs';
import { SERVICES, dynamicConfig, serverConfig } from './temporal-server-config.mjs';
import {
  forgetPreviousMembers,
  setUpSchemas,
  startPostgresChild,
} from './temporal-server-database.mjs';

const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 10_000;
const HOST = '127.0.0.1';

/**
 * Nexus needs the frontend's HTTP port, which stays closed: off, rather than a warning at every
 * start. Everything else keeps the server's production defaults.
 */
const DYNAMIC_CONFIG_DEFAULTS = { 'system.enableNexus': false };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function canConnect(port) {
  return new Promise((resolveConnect) => {
    const socket = connect({ host: HOST, port });
    const done = (ok) => {
      socket.destroy();
      resolveConnect(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** n distinct free ports (the kernel may hand out a port just released twice in a row). */
async function freePorts(n, taken) {
  const ports = new Set();
  while (ports.size < n) {
    const port = await freePort();
    if (!taken.includes(port)) ports.add(port);
  }
  return [...ports];
}

/**
 * n distinct free ports below 32768. The membership (ringpop) port is stored in a SMALLINT column
 * (cluster_membership.rpc_port): above 32767 the server dies at start, and the kernel's free
 * ports are all above (32768–60999 on Linux).
 */
async function lowFreePorts(n, taken) {
  const ports = new Set();
  while (ports.size < n) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!taken.includes(port) && !ports.has(port) && (await portFree(port))) ports.add(port);
  }
  return [...ports];
}

/**
 * Once the frontend reports healthy (asking earlier makes it log errors), registers the namespace
 * (kept if it exists) and checks that the frontend can describe it. False: not yet.
 */
async function registerNamespace({ cliPath, address, namespace }) {
  const cli = async (...args) =>
    run(cliPath, [...args, '--address', address, '--command-timeout', '5s']);
  if ((await cli('operator', 'cluster', 'health')).code !== 0) return false;
  const created = await cli(
    'operator',
    'namespace',
    'create',
    '-n',
    namespace,
    '--retention',
    '24h',
  );
  if (created.code !== 0 && !/already (exists|registered)/i.test(created.output)) return false;
  return (await cli('operator', 'namespace', 'describe', '-n', namespace)).code === 0;
}

/**
 * Starts PostgreSQL in `<dataDir>/postgres`, sets up the schemas, writes `<dataDir>/server.yaml`
 * and runs the server with every service on a free loopback port (the frontend on `port` if
 * given). Resolves once `namespace` is registered. The data stays for the next start.
 */
export async function startTemporalServer({
  serverPath,
  sqlToolPath,
  schemaDir,
  cliPath,
  dataDir,
  port,
  namespace = 'default',
  dynamicConfig: dynamicValues = {},
  onLog = () => {},
}) {
  for (const [name, value] of Object.entries({ serverPath, sqlToolPath, schemaDir, cliPath })) {
    if (!value) throw new Error(`startTemporalServer: ${name} is required (see toolchain.mjs)`);
  }
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const postgres = await startPostgresChild(join(dir, 'postgres'), onLog);
  let server;
  let stopping = false;
  async function stop() {
    stopping = true;
    await server?.stop();
    await postgres.stop();
  }
  // A database gone on its own takes the server with it: `exited` then says so.
  postgres.exit.then(() => stopping || server?.stop());
  try {
    await setUpSchemas({ sqlToolPath, schemaDir, postgres });
    await forgetPreviousMembers(postgres);
    const frontendPort = port ?? (await freePort());
    const taken = [frontendPort, postgres.port];
    const grpc = [frontendPort, ...(await freePorts(SERVICES.length - 1, taken))];
    const membership = await lowFreePorts(SERVICES.length, [...taken, ...grpc]);
    const ports = Object.fromEntries(
      SERVICES.map((name, i) => [name, { grpc: grpc[i], membership: membership[i] }]),
    );
    const dynamicConfigPath = join(dir, 'dynamicconfig.yaml');
    const values = { ...DYNAMIC_CONFIG_DEFAULTS, ...dynamicValues };
    writeFileSync(dynamicConfigPath, JSON.stringify(dynamicConfig(values), null, 2));
    writeFileSync(
      join(dir, 'server.yaml'),
      JSON.stringify(serverConfig({ host: HOST, ports, postgres, dynamicConfigPath }), null, 2),
    );
    // `--root DIR --config . --env server` reads DIR/server.yaml (v1.29 has no --config-file).
    const args = ['--root', dir, '--config', '.', '--env', 'server', '--allow-no-auth', 'start'];
    const child = spawn(serverPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    server = supervise(child, STOP_GRACE_MS);
    const lastLines = [];
    for (const stream of [child.stdout, child.stderr]) {
      eachLine(stream, (line) => {
        lastLines.push(line.slice(0, 400));
        lastLines.splice(0, lastLines.length - 3);
        // The loader prints "Loading config…" through Go's plain logger, whatever the level.
        if (!stopping && !/\bLoading config/.test(line)) onLog(line);
      });
    }
    const address = `${HOST}:${frontendPort}`;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(
      (await canConnect(frontendPort)) && (await registerNamespace({ cliPath, address, namespace }))
    )) {
      if (server.hasExited()) {
        throw new Error(`the Temporal server exited before it was ready:\n${lastLines.join('\n')}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`the Temporal server was not ready within ${READY_TIMEOUT_MS / 1000} s`);
      }
      await sleep(500);
    }
    return { address, port: frontendPort, pid: child.pid, exited: server.exit, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function main() {
  const flags = cliFlags();
  const dataDir = flags.text('--data-dir');
  const paths = {
    serverPath: process.env.TEMPORAL_SERVER_PATH,
    sqlToolPath: process.env.TEMPORAL_SQL_TOOL_PATH,
    schemaDir: process.env.TEMPORAL_SERVER_SCHEMA_DIR,
    cliPath: flags.text('--cli-path') ?? process.env.TEMPORAL_CLI_PATH,
  };
  if (!dataDir || Object.values(paths).some((p) => !p)) {
    process.stderr.write(
      'usage: temporal-server.mjs --data-dir DIR [--port N] [--namespace NS] [--cli-path PATH]\n' +
        '       with TEMPORAL_SERVER_PATH, TEMPORAL_SQL_TOOL_PATH, TEMPORAL_SERVER_SCHEMA_DIR and\n' +
        '       TEMPORAL_CLI_PATH set: node scripts/toolchain.mjs --dev-server --temporal-server -- …\n',
    );
    process.exit(2);
  }
  const temporal = await startTemporalServer({
    ...paths,
    dataDir,
    port: flags.number('--port'),
    namespace: flags.text('--namespace') ?? 'default',
    onLog: (line) => process.stderr.write(`temporal-server: ${line}\n`),
  });
  const service = serveUntilStopped([temporal.address], () => temporal.stop());
  // A server that dies on its own is an error the parent should see.
  temporal.exited.then(async () => {
    if (!service.isStopping()) {
      process.stderr.write('temporal-server: the server exited unexpectedly\n');
      await temporal.stop();
      process.exit(1);
    }
  });
}

runIfMain(import.meta.url, 'temporal-server', main);
