import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { appArgs, type Child, runToEnd, startChild } from './child-process';
import type { BenchOrganisation, BenchStack } from './bench-stack';
import { freePort } from './free-port';

export interface LocalStackOptions {
  server: BenchStack['server'];
  /** Where the servers keep their data (fresh per run: a benchmark starts from nothing). */
  dataDir: string;
  /** A PostgreSQL and a Temporal server to use instead of starting them (both, or neither). */
  databaseUrl?: string;
  temporalAddress?: string;
  /** The toolchain's paths: TEMPORAL_CLI_PATH, TEMPORAL_SERVER_PATH, … */
  tools: Record<string, string>;
  /** Extra environment for the worker (its cache, its activity slots). */
  workerEnv?: Record<string, string>;
  /** When set, the worker and the API write V8 CPU profiles here (node --cpu-prof). */
  profileDir?: string;
  progress: (message: string) => void;
}

const PEOPLE = [
  { id: 'manager-bench', name: 'ベンチ 管理者', role: 'manager' },
  { id: 'manager-bench-2', name: 'ベンチ 次長', role: 'manager' },
  { id: 'officer-bench-1', name: 'ベンチ 一郎', role: 'officer' },
  { id: 'officer-bench-2', name: 'ベンチ 二郎', role: 'officer' },
  { id: 'officer-bench-3', name: 'ベンチ 三郎', role: 'officer' },
] as const;

/**
 * The product as `npm start` runs it, started by the benchmark: PostgreSQL and a Temporal server
 * (the CLI's dev server, or the real server on its own PostgreSQL), the migrations, then the
 * worker and the API as their own processes, so each one's memory and CPU are its own.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<BenchStack> {
  const { progress, tools } = options;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o755 });
  const services: Child[] = [];
  // Every child's output goes to <dataDir>/<name>.log; the apps' errors are also shown.
  const log =
    (name: string, echo = true) =>
    (line: string) => {
      appendFileSync(join(options.dataDir, `${name}.log`), `${line}\n`);
      if (echo && /"level":(50|60)\b|^\S+ failed:/.test(line))
        progress(`${name}: ${line.slice(0, 300)}`);
    };

  let databaseUrl = options.databaseUrl;
  let temporalAddress = options.temporalAddress;
  if (!databaseUrl) {
    progress('starting PostgreSQL …');
    const pg = await startChild({
      name: 'postgres',
      args: ['scripts/dev-services/postgres.mjs', '--data-dir', join(options.dataDir, 'postgres')],
      onLog: log('postgres', false),
    });
    services.push(pg);
    databaseUrl = pg.ready[0];
  }
  if (!temporalAddress) {
    const script =
      options.server === 'dev-server'
        ? 'scripts/dev-services/temporal.mjs'
        : 'scripts/dev-services/temporal-server.mjs';
    progress(`starting the Temporal ${options.server} …`);
    const temporal = await startChild({
      name: 'temporal',
      args: [script, '--data-dir', join(options.dataDir, 'temporal')],
      env: tools,
      onLog: log('temporal', false),
    });
    services.push(temporal);
    temporalAddress = temporal.ready[0];
  }
  if (!databaseUrl || !temporalAddress) throw new Error('no database or Temporal address');

  progress('migrating the database …');
  await runToEnd(appArgs('libs/persistence/src/cli/migrate.js', { oneShot: true }), {
    DATABASE_URL: databaseUrl,
  });

  // One folder per process: the worker writes one profile per thread (its workflows run in one).
  const profiling = (name: string) =>
    options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(options.profileDir, name)}`] : [];
  const adminKey = randomBytes(32).toString('base64url');
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  const appEnv: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    LOG_LEVEL: 'warn',
  };
  const startWorker = (env: Record<string, string> = {}) =>
    startChild({
      name: 'worker',
      // As npm start runs it: the heap limit its case cache is sized to.
      args: [
        '--max-old-space-size=256',
        ...profiling('worker'),
        ...appArgs('apps/worker/src/main.js'),
      ],
      // At info, so its "worker ready" line says when it polls; only errors are echoed.
      env: { ...appEnv, LOG_LEVEL: 'info', ...options.workerEnv, ...env },
      onLog: log('worker'),
      readyLine: /worker ready/,
    });
  progress('starting the worker …');
  let worker = await startWorker();
  progress('starting the API …');
  const api = await startChild({
    name: 'api',
    args: [...profiling('api'), ...appArgs('apps/api/src/main.js')],
    env: {
      ...appEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      BANSO_ADMIN_API_KEY: adminKey,
      // The benchmark is the runaway script a write limit exists for: let it run.
      WRITE_RATE_LIMIT_PER_MINUTE: '1000000',
    },
    onLog: log('api'),
    ready: async () => (await fetch(`${apiUrl}/health`)).status === 200,
  });

  const admin = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown, okStatuses = [200, 201]) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as Record<string, unknown>;
    if (!okStatuses.includes(res.status))
      throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(answer)}`);
    return { status: res.status, body: answer };
  };

  return {
    server: options.server,
    apiUrl,
    databaseUrl,
    temporalAddress,
    namespace: 'default',
    taskQueue: 'banso-support-cases',
    adminKey,
    async createOrganisation(id: string): Promise<BenchOrganisation> {
      await post('/organisations', { id, name: `ベンチマーク商工会 ${id}` }, [201, 200, 409]);
      const keys = new Map<string, string>();
      for (const person of PEOPLE) {
        await post(`/organisations/${id}/users`, person, [201, 200, 409]);
        const key = await post(`/organisations/${id}/users/${person.id}/api-keys`, {
          label: 'bench',
        });
        keys.set(person.id, String(key.body.key));
      }
      return {
        id,
        officers: PEOPLE.filter((p) => p.role === 'officer').map((p) => p.id),
        managers: PEOPLE.filter((p) => p.role === 'manager').map((p) => p.id),
        as(userId: string) {
          const key = keys.get(userId);
          if (!key) throw new Error(`no key for ${userId}`);
          return { authorization: `Bearer ${key}` };
        },
      };
    },
    workerPid: () => worker.pid,
    async restartWorker(env?: Record<string, string>) {
      await worker.stop();
      worker = await startWorker(env);
    },
    async stop() {
      await api.stop();
      await worker.stop();
      for (const service of services.reverse()) await service.stop();
    },
  };
}
