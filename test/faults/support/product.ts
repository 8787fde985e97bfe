import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildService, startChildService } from '../../support/child-service';
import { perTestFile } from '../../support/per-file';
import { ORG, PEOPLE, TEST_ADMIN_KEY } from '../../e2e/support/case-api';
import { type AppProcess, appProcess } from './app-process';
import { request } from './http';

const ROOT = join(__dirname, '..', '..', '..');

/** PostgreSQL or the Temporal dev server, stopped and started again on its port and data folder. */
export interface DevService {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole product as separate processes, each of which a fault may stop: PostgreSQL, the
 * Temporal dev server, the worker and the API, with the sample organisation's officer and manager.
 */
export interface Product {
  readonly apiUrl: string;
  readonly databaseUrl: string;
  /** The API keys of officer-sato (opens and works the cases) and manager-suzuki (approves, closes). */
  readonly keys: { officer: string; manager: string };
  readonly postgres: DevService;
  readonly temporal: DevService;
  readonly worker: AppProcess;
  readonly api: AppProcess;
  /** Where each process's output is kept (after the run too): worker.log, api.log. */
  readonly logDir: string;
  /** Every process that exited without being told to. */
  unexpectedExits(): string[];
  stop(): Promise<void>;
}

/** The product for one fault spec: started before its test, stopped (its data removed) after. */
export function useProduct(name: string): Product {
  return perTestFile(
    () => startProduct(name),
    (product) => product.stop(),
  );
}

export async function startProduct(name: string): Promise<Product> {
  const dir = mkdtempSync(join(tmpdir(), `banso-fault-${name}-`));
  // As root, PostgreSQL runs as the user postgres, who must be able to enter its data folder.
  chmodSync(dir, 0o755);
  const logDir = join(dir, 'logs');
  mkdirSync(logDir);
  // Ports fixed for the spec's life: a service started again must come back where its clients are.
  const [pgPort, temporalPort, uiPort, apiPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const postgres = devService('postgres.mjs', [
    '--data-dir',
    join(dir, 'postgres'),
    '--port',
    String(pgPort),
  ]);
  const temporal = devService('temporal.mjs', [
    '--data-dir',
    join(dir, 'temporal'),
    '--port',
    String(temporalPort),
    '--ui-port',
    String(uiPort),
  ]);
  await Promise.all([postgres.start(), temporal.start()]);

  const databaseUrl = `postgres://banso:banso@127.0.0.1:${pgPort}/banso`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await migrate(databaseUrl, join(logDir, 'migrate.log'));
  // Only what the apps need: nothing from the shell or the other projects' set-up leaks in.
  const common = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    // Its own queue: no other test's worker ever takes this spec's tasks.
    TEMPORAL_TASK_QUEUE: `faults-${name}-${randomUUID()}`,
  };
  const worker = appProcess({
    name: 'worker',
    main: 'dist/apps/worker/src/main.js',
    env: { ...common, LOG_LEVEL: 'info' },
    logFile: join(logDir, 'worker.log'),
    ready: { line: /"msg":"worker ready"/ },
  });
  const api = appProcess({
    name: 'api',
    main: 'dist/apps/api/src/main.js',
    env: {
      ...common,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      BANSO_ADMIN_API_KEY: TEST_ADMIN_KEY,
      // Short, so that clients meet COMMAND_PENDING and retry with their keys during the faults.
      COMMAND_TIMEOUT_MS: '5000',
      // Thirty clients retrying through an outage write faster than any person: never limited.
      WRITE_RATE_LIMIT_PER_MINUTE: '0',
    },
    logFile: join(logDir, 'api.log'),
    ready: { poll: () => healthy(apiUrl) },
  });
  const stopAll = async () => {
    await api.stop();
    await worker.stop();
    await Promise.all([temporal.stop(), postgres.stop()]);
  };
  try {
    await Promise.all([worker.start(), api.start()]);
    const keys = await createOrganisation(apiUrl);
    return {
      apiUrl,
      databaseUrl,
      keys,
      postgres,
      temporal,
      worker,
      api,
      logDir,
      unexpectedExits: () => [...worker.unexpectedExits, ...api.unexpectedExits],
      stop: async () => {
        await stopAll();
        // The logs stay for a failure's evidence; the data folders (tens of MB) go.
        rmSync(join(dir, 'postgres'), { recursive: true, force: true });
        rmSync(join(dir, 'temporal'), { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function devService(script: string, args: string[]): DevService {
  let running: ChildService | undefined;
  return {
    async start() {
      running = await startChildService(script, args);
    },
    async stop() {
      await running?.stop();
      running = undefined;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function migrate(databaseUrl: string, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', './scripts/register-paths.cjs', 'dist/libs/persistence/src/cli/migrate.js'],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl } },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      writeFileSync(logFile, output);
      if (code === 0) resolve();
      else reject(new Error(`migrations failed (${code}):\n${output}`));
    });
  });
}

async function healthy(apiUrl: string): Promise<boolean> {
  try {
    return (await fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false; // not listening yet
  }
}

/** The sample organisation, its officer and manager, and their keys, through the platform key. */
async function createOrganisation(apiUrl: string): Promise<Product['keys']> {
  const admin = TEST_ADMIN_KEY;
  const post = async (path: string, body: unknown) => {
    const answer = await request(`${apiUrl}${path}`, 'POST', { key: admin, body });
    if (answer.status !== 201) {
      throw new Error(`POST ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return answer.body as { key?: string };
  };
  await post('/organisations', { id: ORG, name: '金沢商工会議所' });
  const keyOf = async (userId: 'officer-sato' | 'manager-suzuki') => {
    const person = PEOPLE.find((p) => p.id === userId);
    await post(`/organisations/${ORG}/users`, person);
    const { key } = await post(`/organisations/${ORG}/users/${userId}/api-keys`, {
      label: 'faults',
    });
    if (!key) throw new Error(`no key issued for ${userId}`);
    return key;
  };
  return { officer: await keyOf('officer-sato'), manager: await keyOf('manager-suzuki') };
}
