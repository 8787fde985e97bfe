#!/usr/bin/env node
// Makes sure everything the tests and `npm start` need is on this machine, building what is
// missing into a cache outside the repository (a fresh clone must not rebuild a 5-minute binary).
// Only Node built-ins here: this runs before node_modules exists.
//
//   node scripts/toolchain.mjs [--deps] [--dev-server] [--test-server] [--temporal-server]
//                              [-- command args...]
//
// With a command after `--`, runs it with TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH set, and
// with --temporal-server also TEMPORAL_SERVER_PATH / TEMPORAL_SQL_TOOL_PATH /
// TEMPORAL_SERVER_SCHEMA_DIR. Without flags it prepares all but the server (only the bench needs it).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { constants, homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TEMPORAL_CLI_VERSION = 'v1.5.1';
const TEST_SERVER_VERSION = '1.38.0';
const TEMPORAL_SERVER_VERSION = 'v1.29.1';

export const cacheDir =
  process.env.BANSO_CACHE_DIR ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'banso');

const log = (msg) => process.stderr.write(`[toolchain] ${msg}\n`);

class MissingTool extends Error {}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

let probe;
/** Whether the official Temporal downloads can be reached (once per run, five seconds at most). */
function officialDownloadsReachable() {
  probe ??= fetch('https://temporal.download/', {
    method: 'HEAD',
    signal: AbortSignal.timeout(5_000),
  }).then(
    () => true,
    () => false,
  );
  return probe;
}

/**
 * The official build of a Temporal server, fetched as the SDK fetches it for its own tests, into
 * the cache; undefined when the network does not allow it (then it is built from source).
 */
async function downloadWithSdk(kind, deps) {
  if (!(await officialDownloadsReachable())) {
    log(`temporal.download cannot be reached: the ${kind} will come from source instead`);
    return undefined;
  }
  await deps; // the SDK is an npm dependency
  const dir = join(cacheDir, 'sdk-downloads', kind);
  log(`downloading the official Temporal ${kind} with the SDK into ${dir} …`);
  try {
    const path = await new Promise((resolvePath, reject) => {
      const child = spawn(
        process.execPath,
        [join(repoRoot, 'scripts/sdk-download.cjs'), kind, dir],
        {
          cwd: repoRoot,
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolvePath(out.trim()) : reject(new Error(`exited with ${code}`)),
      );
    });
    log(`downloaded: ${path}`);
    return path;
  } catch (err) {
    log(`the SDK's download of the ${kind} failed (${err.message}); building from source instead`);
    return undefined;
  }
}

/** Runs a long build, echoing a heartbeat so a CI log never looks hung. */
function runLoud(cmd, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
    const beat = setInterval(
      () =>
        log(
          `  still running ${cmd.split('/').pop()} … ${Math.round((Date.now() - started) / 1000)} s`,
        ),
      30_000,
    );
    child.on('error', (err) => {
      clearInterval(beat);
      reject(err);
    });
    child.on('exit', (code) => {
      clearInterval(beat);
      if (code === 0) resolvePromise(Math.round((Date.now() - started) / 1000));
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`));
    });
  });
}

/** Go's paths inside our cache, so `go install` never writes to the user's own Go folders. */
function goEnv(gobin) {
  return {
    ...process.env,
    GOBIN: gobin,
    GOPATH: process.env.GOPATH ?? join(cacheDir, 'go'),
    GOMODCACHE: process.env.GOMODCACHE ?? join(cacheDir, 'go', 'pkg', 'mod'),
  };
}

function lockHash() {
  const lock = join(repoRoot, 'package-lock.json');
  const pkg = join(repoRoot, 'package.json');
  const h = createHash('sha256');
  for (const f of [pkg, lock]) if (existsSync(f)) h.update(readFileSync(f));
  return h.digest('hex');
}

async function ensureDependencies() {
  const marker = join(repoRoot, 'node_modules', '.banso-install-hash');
  const wanted = lockHash();
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return;
  log('installing npm dependencies (npm ci) …');
  let secs;
  try {
    secs = await runLoud('npm', ['ci', '--no-audit', '--no-fund'], { cwd: repoRoot });
  } catch {
    // npm 11 writes only this platform's optional packages (@swc/core-*, …) into the lockfile and
    // then `npm ci` calls the lockfile out of sync. `npm install --no-save` installs the same
    // locked versions without rewriting package.json or the lockfile.
    log('npm ci refused the lockfile; installing the locked versions with npm install --no-save …');
    secs = await runLoud('npm', ['install', '--no-save', '--no-audit', '--no-fund'], {
      cwd: repoRoot,
    });
  }
  writeFileSync(marker, wanted);
  log(`npm dependencies installed in ${secs} s`);
}

async function ensureTemporalCli(deps) {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new MissingTool(`TEMPORAL_CLI_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const cached = join(cacheDir, 'temporal-cli', TEMPORAL_CLI_VERSION, 'temporal');
  if (existsSync(cached)) return cached;
  const installed = onPath('temporal');
  if (installed) return installed;
  const downloaded = await downloadWithSdk('dev-server', deps);
  if (downloaded) return downloaded;
  const go = onPath('go');
  if (!go) {
    throw new MissingTool(
      'no Temporal CLI, and the official download (temporal.download) cannot be reached: set ' +
        'TEMPORAL_CLI_PATH to a `temporal` binary (v1.5.x), put `temporal` on PATH, allow access ' +
        'to temporal.download, or install Go so it can be built from the Go module proxy',
    );
  }
  const gobin = dirname(cached);
  mkdirSync(gobin, { recursive: true });
  log(
    `building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${gobin} (about 5 minutes, once) …`,
  );
  const secs = await runLoud(
    go,
    [
      'install',
      '-v',
      '-ldflags=-s -w',
      `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`,
    ],
    { env: goEnv(gobin) },
  );
  if (!existsSync(cached)) throw new MissingTool(`go install finished but ${cached} is missing`);
  log(`Temporal CLI built in ${secs} s: ${cached}`);
  return cached;
}

async function ensureTestServer(deps) {
  const fromEnv = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) {
      throw new MissingTool(`TEMPORAL_TEST_SERVER_PATH=${fromEnv} does not exist`);
    }
    return fromEnv;
  }
  const dir = join(cacheDir, 'temporal-test-server', TEST_SERVER_VERSION);
  const launcher = join(dir, 'temporal-test-server');
  if (existsSync(launcher)) return launcher;
  const downloaded = await downloadWithSdk('test-server', deps);
  if (downloaded) return downloaded;
  const mvn = onPath('mvn');
  const java = onPath('java');
  if (!mvn || !java) {
    throw new MissingTool(
      'no time-skipping test server, and the official download (temporal.download) cannot be ' +
        'reached: set TEMPORAL_TEST_SERVER_PATH, allow access to temporal.download, or install ' +
        'Java and Maven so it can be resolved from Maven Central',
    );
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'pom.xml'),
    `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.banso</groupId><artifactId>temporal-test-server-launcher</artifactId><version>1</version>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId>
      <version>${TEST_SERVER_VERSION}</version>
    </dependency>
  </dependencies>
</project>
`,
  );
  log(
    `resolving the Temporal time-skipping test server ${TEST_SERVER_VERSION} from Maven Central …`,
  );
  const secs = await runLoud(
    mvn,
    ['-q', '-B', 'dependency:build-classpath', '-Dmdep.outputFile=cp.txt'],
    { cwd: dir },
  );
  const classpath = readFileSync(join(dir, 'cp.txt'), 'utf8').trim();
  const tmp = `${launcher}.tmp`;
  writeFileSync(
    tmp,
    `#!/bin/sh\nexec "${java}" -cp "${classpath}" io.temporal.testserver.TestServer "$@"\n`,
  );
  chmodSync(tmp, 0o755);
  renameSync(tmp, launcher);
  log(`time-skipping test server ready in ${secs} s: ${launcher}`);
  return launcher;
}

/**
 * The production Temporal server and its SQL schema tool, built from the Go module proxy into the
 * cache, with the PostgreSQL schema files copied beside them (the module cache may be cleaned, or
 * set elsewhere on the next run). Each of the three env vars, when set, wins over the build.
 */
async function ensureTemporalServer() {
  const wanted = {
    TEMPORAL_SERVER_PATH: process.env.TEMPORAL_SERVER_PATH,
    TEMPORAL_SQL_TOOL_PATH: process.env.TEMPORAL_SQL_TOOL_PATH,
    TEMPORAL_SERVER_SCHEMA_DIR: process.env.TEMPORAL_SERVER_SCHEMA_DIR,
  };
  for (const [name, value] of Object.entries(wanted)) {
    if (value && !existsSync(value)) throw new MissingTool(`${name}=${value} does not exist`);
  }
  if (Object.values(wanted).every(Boolean)) return wanted;
  const dir = join(cacheDir, 'temporal-server', TEMPORAL_SERVER_VERSION);
  const built = {
    TEMPORAL_SERVER_PATH: join(dir, 'server'),
    TEMPORAL_SQL_TOOL_PATH: join(dir, 'sql'),
    TEMPORAL_SERVER_SCHEMA_DIR: join(dir, 'schema', 'postgresql', 'v12'),
  };
  // The schema is copied last, so its presence says the whole build finished.
  if (!existsSync(built.TEMPORAL_SERVER_SCHEMA_DIR)) await buildTemporalServer(dir, built);
  return Object.fromEntries(Object.entries(wanted).map(([k, v]) => [k, v || built[k]]));
}

async function buildTemporalServer(dir, built) {
  const go = onPath('go');
  if (!go) {
    throw new MissingTool(
      `no Temporal server ${TEMPORAL_SERVER_VERSION}: install Go so it can be built from the Go ` +
        'module proxy (5 to 15 minutes, once), or set TEMPORAL_SERVER_PATH (the `server` binary), ' +
        'TEMPORAL_SQL_TOOL_PATH (temporal-sql-tool) and TEMPORAL_SERVER_SCHEMA_DIR (its ' +
        'schema/postgresql/v12 folder) to a build of your own',
    );
  }
  mkdirSync(dir, { recursive: true });
  const env = goEnv(dir);
  log(
    `building the Temporal server ${TEMPORAL_SERVER_VERSION} and its SQL tool with Go into ${dir} ` +
      '(5 to 15 minutes, once) …',
  );
  // One call, one module version: both binaries share the compiled packages. CGO off as upstream
  // builds it, so no C compiler is needed.
  const secs = await runLoud(
    go,
    [
      'install',
      '-v',
      '-ldflags=-s -w',
      `go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}`,
      `go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
    ],
    { env: { ...env, CGO_ENABLED: '0' } },
  );
  for (const bin of [built.TEMPORAL_SERVER_PATH, built.TEMPORAL_SQL_TOOL_PATH]) {
    if (!existsSync(bin)) throw new MissingTool(`go install finished but ${bin} is missing`);
  }
  const source = join(
    env.GOMODCACHE,
    `go.temporal.io/server@${TEMPORAL_SERVER_VERSION}`,
    'schema',
    'postgresql',
    'v12',
  );
  if (!existsSync(source)) throw new MissingTool(`the module has no schema folder at ${source}`);
  const tmp = `${built.TEMPORAL_SERVER_SCHEMA_DIR}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(dirname(tmp), { recursive: true });
  cpSync(source, tmp, { recursive: true });
  // The module cache is read-only; the copy must stay deletable with the rest of the cache.
  chmodTree(tmp);
  renameSync(tmp, built.TEMPORAL_SERVER_SCHEMA_DIR);
  log(`Temporal server built in ${secs} s: ${dir}`);
}

function chmodTree(path) {
  chmodSync(path, 0o755);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chmodTree(child);
    else chmodSync(child, 0o644);
  }
}

export async function ensureToolchain({
  deps = true,
  devServer = true,
  testServer = true,
  temporalServer = false,
} = {}) {
  const env = {};
  // The Temporal tools are independent: build them side by side. A download through the SDK
  // waits for the npm dependencies; a build from source does not.
  const installing = deps ? ensureDependencies() : Promise.resolve();
  const [cli, ts, server] = await Promise.all([
    devServer ? ensureTemporalCli(installing) : undefined,
    testServer ? ensureTestServer(installing) : undefined,
    temporalServer ? ensureTemporalServer() : undefined,
    installing,
  ]);
  if (cli) env.TEMPORAL_CLI_PATH = cli;
  if (ts) env.TEMPORAL_TEST_SERVER_PATH = ts;
  return { ...env, ...server };
}

async function main() {
  const argv = process.argv.slice(2);
  const sep = argv.indexOf('--');
  const flags = sep === -1 ? argv : argv.slice(0, sep);
  const command = sep === -1 ? [] : argv.slice(sep + 1);
  const some = flags.length > 0;
  const env = await ensureToolchain({
    deps: !some || flags.includes('--deps'),
    devServer: !some || flags.includes('--dev-server'),
    testServer: !some || flags.includes('--test-server'),
    temporalServer: flags.includes('--temporal-server'),
  });
  for (const [k, v] of Object.entries(env)) log(`${k}=${v}`);
  if (command.length === 0) return;
  const child = spawn(command[0], command.slice(1), {
    stdio: 'inherit',
    cwd: repoRoot,
    env: { ...process.env, ...env },
  });
  // Stay alive until the command ends, so npm waits for it too. A terminal Ctrl-C reaches the
  // command directly (same process group): ignore it here and let the command stop in its own
  // order (`npm start` stops four services). A SIGTERM or SIGHUP aimed at us is passed on.
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    log(`cannot run ${command[0]}: ${err.message}`);
    process.exit(127);
  });
  child.on('exit', (code, signal) =>
    process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1)),
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    log(err instanceof MissingTool ? `missing tool: ${err.message}` : String(err?.stack ?? err));
    log(
      'Supply the tool yourself with TEMPORAL_CLI_PATH (a `temporal` binary), ' +
        'TEMPORAL_TEST_SERVER_PATH (a time-skipping test server executable) or ' +
        'TEMPORAL_SERVER_PATH / TEMPORAL_SQL_TOOL_PATH / TEMPORAL_SERVER_SCHEMA_DIR (the server), ' +
        'let this machine reach temporal.download, or install Go (the CLI and the server) / Java ' +
        'and Maven (the test server).',
    );
    process.exit(1);
  });
}
