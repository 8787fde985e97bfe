#!/usr/bin/env node
// `npm start`: the whole product on one machine. Builds the TypeScript, starts PostgreSQL and the
// Temporal dev server (unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere), migrates, runs the
// worker and the API, and stops all of it in order on Ctrl-C.
//
// Every child runs in its own process group: a Ctrl-C in the terminal then reaches only this
// script, which stops the API before the worker, and both before the servers they depend on.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, portFree } from './dev-services/ports.mjs';
import { ensureToolchain } from './toolchain.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(repoRoot, '.banso');
const startedAt = Date.now();
const tty = process.stdout.isTTY;
const paint = (code, text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
const say = (msg) => process.stdout.write(`${paint('1;36', '[banso]')} ${msg}\n`);
const shout = (msg) => process.stderr.write(`${paint('1;31', '[banso]')} ${msg}\n`);
const seconds = () => ((Date.now() - startedAt) / 1000).toFixed(1);

const STOP_GRACE_MS = 10_000;
const READY_TIMEOUT_MS = 120_000;
const PRELOAD = ['-r', './scripts/register-paths.cjs'];
/** The worker's heap: about 500 MB resident in all, whatever the number of open cases. */
const WORKER_HEAP = '--max-old-space-size=256';

/** Children in start order; stopped in reverse. */
const children = [];
let shuttingDown = false;

/** The wanted port if free, else any free one (0 asks the kernel). */
async function choosePort(wanted, what) {
  if (await portFree(wanted)) return wanted;
  const port = await freePort();
  say(`port ${wanted} is busy: ${what} uses ${port} instead`);
  return port;
}

/** Echoes a stream line by line with the child's name in front, so four logs stay readable. */
function pipeLines(stream, out, prefix) {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) out.write(`${prefix} ${line}\n`);
  });
}

/**
 * Spawns a long-running child. Its stdin stays an open pipe: the dev-service wrappers and the apps
 * (scripts/exit-with-parent.cjs) stop when it closes, so even a SIGKILLed `npm start` leaves
 * nothing running.
 */
function launch(name, color, args, { env } = {}) {
  // A step still in flight when shutdown began must not start what nobody will stop.
  if (shuttingDown) throw new Error(`not starting ${name}: shutting down`);
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const entry = { name, child, exited: false };
  entry.done = new Promise((resolveDone) =>
    child.once('exit', (code, signal) => {
      entry.exited = true;
      resolveDone();
      if (!shuttingDown) {
        shout(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
        void shutdown(1);
      }
    }),
  );
  child.once('error', (err) => shout(`${name}: ${err.message}`));
  const prefix = paint(color, `[${name}]`.padEnd(10));
  pipeLines(child.stdout, process.stdout, prefix);
  pipeLines(child.stderr, process.stderr, prefix);
  children.push(entry);
  return entry;
}

/** Resolves with the rest of the child's `READY …` line; rejects if it exits first. */
function waitForReady(entry) {
  return new Promise((resolveReady, reject) => {
    const onData = (chunk) => {
      const line = String(chunk)
        .split('\n')
        .find((l) => l.startsWith('READY '));
      if (line) {
        entry.child.stdout.off('data', onData);
        resolveReady(line.slice('READY '.length).trim().split(' '));
      }
    };
    entry.child.stdout.on('data', onData);
    entry.done.then(() => reject(new Error(`${entry.name} stopped before it was ready`)));
  });
}

async function stopChild(entry) {
  if (entry.exited) return;
  say(`stopping ${entry.name} …`);
  entry.child.kill('SIGTERM');
  const timer = setTimeout(() => {
    shout(`${entry.name} did not stop within ${STOP_GRACE_MS / 1000} s: killing it`);
    try {
      process.kill(-entry.child.pid, 'SIGKILL'); // the whole group, grandchildren included
    } catch {
      entry.child.kill('SIGKILL');
    }
  }, STOP_GRACE_MS);
  await entry.done;
  clearTimeout(timer);
}

async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const entry of [...children].reverse()) await stopChild(entry);
  say(code === 0 ? 'stopped.' : 'stopped after an error.');
  process.exit(code);
}

/**
 * The first Ctrl-C stops everything in order; a second one does not wait. A signal within a second
 * of the first is the same Ctrl-C passed on by a wrapper (npm), not a second press.
 */
let firstSignalAt = 0;
function onSignal() {
  if (!shuttingDown) {
    firstSignalAt = Date.now();
    return void shutdown(0);
  }
  if (Date.now() - firstSignalAt < 1_000) return;
  shout('stopping at once');
  for (const { child, exited } of children) {
    if (exited) continue;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  process.exit(130);
}

/** Runs a command to completion (the build, the migrations), output passed through. */
function runStep(label, command, args, env = {}) {
  return new Promise((resolveStep, reject) => {
    const child = spawn(command, args, {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolveStep() : reject(new Error(`${label} failed (exit code ${code})`)),
    );
  });
}

async function build() {
  say('building the TypeScript (tsc -p tsconfig.build.json) …');
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  await runStep('the build', process.execPath, [tsc, '-p', 'tsconfig.build.json']);
  // The worker loads this bundle instead of running webpack over the workflows at its start.
  await runStep('bundling the workflows', process.execPath, [
    'dist/apps/worker/src/cli/bundle-workflows.js',
  ]);
  say(`built into dist/ (${seconds()} s)`);
}

async function startPostgres() {
  if (process.env.DATABASE_URL) {
    say('DATABASE_URL is set: using that database');
    return process.env.DATABASE_URL;
  }
  const port = await choosePort(Number(process.env.BANSO_PG_PORT ?? 5433), 'PostgreSQL');
  say(`starting PostgreSQL on port ${port} (data in .banso/postgres) …`);
  const pg = launch('postgres', '34', [
    'scripts/dev-services/postgres.mjs',
    '--data-dir',
    join(dataDir, 'postgres'),
    '--port',
    String(port),
  ]);
  const [url] = await waitForReady(pg);
  say(`PostgreSQL ready (${seconds()} s)`);
  return url;
}

async function startTemporal(namespace) {
  if (process.env.TEMPORAL_ADDRESS) {
    say(`TEMPORAL_ADDRESS is set: using the Temporal server at ${process.env.TEMPORAL_ADDRESS}`);
    return { address: process.env.TEMPORAL_ADDRESS, uiUrl: undefined };
  }
  // Run directly (`node scripts/start.mjs`) rather than through `npm start`: find the CLI here.
  const cliPath =
    process.env.TEMPORAL_CLI_PATH ??
    (await ensureToolchain({ deps: false, devServer: true, testServer: false })).TEMPORAL_CLI_PATH;
  if (!cliPath)
    throw new Error('no Temporal CLI: set TEMPORAL_CLI_PATH or install Go (see README)');
  const port = await choosePort(7233, 'Temporal');
  const uiPort = await choosePort(8233, 'the Temporal UI');
  say(`starting the Temporal dev server on port ${port} (data in .banso/temporal) …`);
  const temporal = launch('temporal', '35', [
    'scripts/dev-services/temporal.mjs',
    '--data-dir',
    join(dataDir, 'temporal'),
    '--port',
    String(port),
    '--ui-port',
    String(uiPort),
    '--namespace',
    namespace,
    '--cli-path',
    cliPath,
  ]);
  const [address, uiUrl] = await waitForReady(temporal);
  say(`Temporal ready (${seconds()} s)`);
  return { address, uiUrl };
}

async function waitForHealth(url) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (shuttingDown) return false;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the API did not answer ${url} with 200 within ${READY_TIMEOUT_MS / 1000} s`);
}

function box(lines) {
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  const rule = '─'.repeat(width);
  const body = lines.map((l) => `│ ${l.padEnd(width - 1)}│`);
  return [`┌${rule}┐`, ...body, `└${rule}┘`].map((l) => paint('1;32', l)).join('\n');
}

/**
 * The platform administrator's key (who creates organisations and their first users): the
 * environment's BANSO_ADMIN_API_KEY, or one made for this machine on the first start and kept in
 * .banso/admin-api-key, readable by its owner alone, so the README's examples and the seed can
 * sign in without a key ever being printed.
 */
function platformAdministratorKey() {
  if (process.env.BANSO_ADMIN_API_KEY) return process.env.BANSO_ADMIN_API_KEY;
  const file = join(dataDir, 'admin-api-key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    say('made a platform administrator key for this machine: .banso/admin-api-key');
  }
  return readFileSync(file, 'utf8').trim();
}

async function main() {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const apiPort = Number(process.env.PORT ?? 3000);
  if (!(await portFree(apiPort))) {
    throw new Error(
      `port ${apiPort} is in use: stop what runs there, or set PORT (e.g. PORT=3001)`,
    );
  }
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  // The build and the two servers do not depend on each other: start them side by side.
  const [databaseUrl, temporal] = await Promise.all([
    startPostgres(),
    startTemporal(namespace),
    build(),
  ]);

  const migrate = 'dist/libs/persistence/src/cli/migrate.js';
  if (!existsSync(join(repoRoot, migrate)))
    throw new Error(`${migrate} is missing after the build`);
  say('running the database migrations …');
  await runStep('the migrations', process.execPath, [...PRELOAD, migrate], {
    DATABASE_URL: databaseUrl,
  });

  const appEnv = {
    BANSO_ADMIN_API_KEY: platformAdministratorKey(),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: namespace,
    PORT: String(apiPort),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  say('starting the worker and the API …');
  const preload = [...PRELOAD, '-r', './scripts/exit-with-parent.cjs'];
  // The heap limit bounds the worker's memory; its case cache is sized to it (worker-config.ts).
  launch('worker', '33', [WORKER_HEAP, ...preload, 'dist/apps/worker/src/main.js'], {
    env: appEnv,
  });
  launch('api', '32', [...preload, 'dist/apps/api/src/main.js'], { env: appEnv });

  const apiUrl = `http://127.0.0.1:${apiPort}`;
  if (!(await waitForHealth(`${apiUrl}/health`))) return;
  process.stdout.write(
    `\n${box([
      `Banso is running (ready in ${seconds()} s)`,
      '',
      `API           ${apiUrl}`,
      `API docs      ${apiUrl}/docs`,
      `Temporal UI   ${temporal.uiUrl ?? `(external server at ${temporal.address})`}`,
      `Data folder   ${dataDir}`,
      `Database      ${databaseUrl}`,
      `Admin key     ${process.env.BANSO_ADMIN_API_KEY ? 'BANSO_ADMIN_API_KEY' : '.banso/admin-api-key'}`,
      '',
      'Sample data:  npm run seed       Ctrl-C to stop',
    ])}\n\n`,
  );
}

main().catch((err) => {
  shout(err?.message ?? String(err));
  void shutdown(1);
});
