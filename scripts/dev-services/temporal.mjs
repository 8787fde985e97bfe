// The Temporal dev server (`temporal server start-dev`, SQLite-backed), for `npm start` and the tests.
//   import { startTemporal } from './temporal.mjs'     (in-process, from ESM)
//   node scripts/dev-services/temporal.mjs --data-dir DIR [--port N] [--ui-port N] [--namespace NS]
//     prints `READY <address> <uiUrl>` on stdout, stops cleanly on SIGTERM/SIGINT or when stdin
//     closes (from CommonJS or Jest).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { freePort } from './ports.mjs';
import { cliFlags, runIfMain, serveUntilStopped } from './service-cli.mjs';

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const HOST = '127.0.0.1';

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

/** Exit code of a short CLI call; the server only answers for a namespace once it is registered. */
function run(cmd, args) {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, args, { stdio: 'ignore' });
    child.once('error', () => resolveRun(-1));
    child.once('exit', (code) => resolveRun(code ?? -1));
  });
}

/**
 * Starts the dev server with its state in `<dataDir>/temporal.db`, so workflows survive restarts.
 * Resolves once the frontend accepts connections and `namespace` can be described.
 */
export async function startTemporal({
  cliPath,
  dataDir,
  port,
  uiPort,
  namespace = 'default',
  onLog = () => {},
}) {
  if (!cliPath) throw new Error('startTemporal: cliPath is required (see TEMPORAL_CLI_PATH)');
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const grpcPort = port ?? (await freePort());
  const webPort = uiPort ?? (await freePort());
  const address = `${HOST}:${grpcPort}`;
  const uiUrl = `http://${HOST}:${webPort}`;
  const args = [
    'server',
    'start-dev',
    '--ip',
    HOST,
    '--port',
    String(grpcPort),
    '--ui-port',
    String(webPort),
    '--db-filename',
    join(dir, 'temporal.db'),
    '--namespace',
    namespace,
    '--log-level',
    'warn',
  ];
  // stdin ignored: the server must never read the terminal; its output goes to onLog.
  const child = spawn(cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  let stopping = false;
  let exitInfo = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      // Shutting down, the server logs dozens of harmless connection warnings: drop them.
      for (const line of lines) if (line.trim() && !stopping) onLog(line);
    });
  }
  const exitPromise = new Promise((resolveExit) => {
    child.once('exit', (code, signal) => {
      exited = true;
      exitInfo = signal ? `signal ${signal}` : `code ${code}`;
      resolveExit();
    });
  });
  child.once('error', (err) => {
    exited = true;
    exitInfo = err.message;
  });

  async function stop() {
    if (exited) return;
    stopping = true;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!exited) child.kill('SIGKILL');
    }, STOP_GRACE_MS);
    await exitPromise;
    clearTimeout(timer);
  }

  const deadline = Date.now() + READY_TIMEOUT_MS;
  let listening = false;
  while (true) {
    if (exited) {
      throw new Error(
        `temporal server start-dev exited (${exitInfo}) before it was ready; is port ${grpcPort} or ${webPort} taken?`,
      );
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the Temporal dev server was not ready within ${READY_TIMEOUT_MS / 1000} s`);
    }
    listening = listening || (await canConnect(grpcPort));
    if (
      listening &&
      (await run(cliPath, [
        'operator',
        'namespace',
        'describe',
        '--address',
        address,
        '--namespace',
        namespace,
        '--command-timeout',
        '3s',
      ])) === 0
    ) {
      break;
    }
    await sleep(250);
  }
  return {
    address,
    uiUrl,
    port: grpcPort,
    uiPort: webPort,
    pid: child.pid,
    exited: exitPromise,
    stop,
  };
}

async function main() {
  const flags = cliFlags();
  const dataDir = flags.text('--data-dir');
  const cliPath = flags.text('--cli-path') ?? process.env.TEMPORAL_CLI_PATH;
  if (!dataDir || !cliPath) {
    process.stderr.write(
      'usage: temporal.mjs --data-dir DIR [--port N] [--ui-port N] [--namespace NS] [--cli-path PATH]\n' +
        '       (the CLI comes from --cli-path or TEMPORAL_CLI_PATH; see scripts/toolchain.mjs)\n',
    );
    process.exit(2);
  }
  const temporal = await startTemporal({
    cliPath,
    dataDir,
    port: flags.number('--port'),
    uiPort: flags.number('--ui-port'),
    namespace: flags.text('--namespace') ?? 'default',
    onLog: (line) => process.stderr.write(`temporal: ${line}\n`),
  });
  const service = serveUntilStopped([temporal.address, temporal.uiUrl], () => temporal.stop());
  // A server that dies on its own is an error the parent should see.
  temporal.exited.then(() => {
    if (!service.isStopping()) {
      process.stderr.write('temporal: the dev server exited unexpectedly\n');
      process.exit(1);
    }
  });
}

runIfMain(import.meta.url, 'temporal', main);
