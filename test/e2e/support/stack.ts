import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import type { DataSource } from 'typeorm';
import { createCaseWorker } from '../../../apps/worker/src/case-worker';
import {
  createDataSource,
  PostgresEventStore,
  PostgresIncidentReporter,
  PostgresNotifier,
  runMigrations,
} from '@banso/persistence';
import { quietRuntime, workflowBundlePath } from '@banso/testing/workflows/temporal-env';
import { createApiApp } from '../../../apps/api/src/create-app';
import type { ApiConfig } from '../../../apps/api/src/config/api-config';
import { perTestFile } from '../../support/per-file';
import { createOrganisation, TEST_ADMIN_KEY, TEST_JWT_SECRET } from './case-api';

type NestApp = Awaited<ReturnType<typeof createApiApp>>;

export interface HttpResult<T = any> {
  status: number;
  body: T;
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e tests through jest.config.js`);
  return value;
}

/** A fresh database on the shared PostgreSQL, migrated. */
export async function freshDatabase(): Promise<string> {
  const base = env('BANSO_E2E_DATABASE_URL');
  const name = `e2e_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new PgClient({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = base.replace(/\/[^/]+$/, `/${name}`);
  const ds = createDataSource(url);
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
  return url;
}

/**
 * The whole product in one test process: the real worker (PostgreSQL activities) on the Temporal
 * dev server, and the real API on an HTTP port. Each part can be restarted on its own.
 */
export class E2eStack {
  readonly taskQueue = `e2e-${randomUUID()}`;
  dataSource!: DataSource;
  private worker?: { worker: Worker; running: Promise<void>; connection: NativeConnection };
  private api?: NestApp;
  baseUrl = '';
  /** The database's tables, once tableChecksums has listed them. */
  private tables?: string[];
  /** Each user's API key, by `organisation/user`, as createOrganisation issued them. */
  readonly keys = new Map<string, string>();

  private constructor(
    readonly databaseUrl: string,
    readonly temporalAddress: string,
  ) {}

  static async start(options: { temporalAddress?: string } = {}): Promise<E2eStack> {
    quietRuntime();
    const stack = new E2eStack(
      await freshDatabase(),
      options.temporalAddress ?? env('BANSO_E2E_TEMPORAL_ADDRESS'),
    );
    stack.dataSource = await createDataSource(stack.databaseUrl).initialize();
    await stack.startWorker();
    await stack.startApi();
    return stack;
  }

  apiConfig(): ApiConfig {
    return {
      PORT: 0,
      HOST: '127.0.0.1',
      DATABASE_URL: this.databaseUrl,
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: this.taskQueue,
      LOG_LEVEL: 'silent',
      COMMAND_TIMEOUT_MS: 15_000,
      DATABASE_POOL_SIZE: 10,
      DATABASE_STATEMENT_TIMEOUT_MS: 15_000,
      // Tests write faster than people: a file's requests never meet the limit unless it sets
      // its own (rate-limit.e2e-spec.ts).
      WRITE_RATE_LIMIT_PER_MINUTE: 100_000,
      BANSO_ADMIN_API_KEY: TEST_ADMIN_KEY,
      BANSO_JWT_SECRET: TEST_JWT_SECRET,
      // Rumoi's people sign in with keys only: the provider may not sign anyone in there.
      BANSO_JWT_ORGANISATIONS: 'kanazawa-cci',
      BANSO_JWT_USER_CLAIM: 'sub',
      BANSO_JWT_ORGANISATION_CLAIM: 'banso_org',
      BANSO_JWT_ROLE_CLAIM: 'banso_role',
    };
  }

  /** The Authorization header of a user the organisation was created with (see createOrganisation). */
  as(userId: string, org = 'kanazawa-cci'): Record<string, string> {
    if (userId === 'platform-administrator') return { authorization: `Bearer ${TEST_ADMIN_KEY}` };
    const key = this.keys.get(`${org}/${userId}`);
    if (!key) throw new Error(`no key for ${userId} of ${org}: create the organisation first`);
    return { authorization: `Bearer ${key}` };
  }

  async startApi(config: Partial<ApiConfig> = {}): Promise<void> {
    this.api = await createApiApp({ ...this.apiConfig(), ...config });
    await this.api.listen(0, '127.0.0.1');
    const server: Server = this.api.getHttpServer();
    // The tests' fetch shares the server's event loop: a test step that computes for seconds
    // (compiling the document's schemas on a busy machine) lets the server's 5 s idle timer and
    // the client's reuse of the kept-alive connection fire in one turn: ECONNRESET. Longer here.
    server.keepAliveTimeout = 120_000;
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  async stopApi(): Promise<void> {
    await this.api?.close();
    this.api = undefined;
  }

  async startWorker(): Promise<void> {
    const connection = await NativeConnection.connect({ address: this.temporalAddress });
    const worker = await createCaseWorker({
      connection,
      taskQueue: this.taskQueue,
      workflowBundle: { codePath: workflowBundlePath() },
      eventStore: new PostgresEventStore(this.dataSource),
      incidents: new PostgresIncidentReporter(this.dataSource),
      notifier: new PostgresNotifier(this.dataSource),
    });
    this.worker = { worker, connection, running: worker.run() };
  }

  async stopWorker(): Promise<void> {
    if (!this.worker) return;
    this.worker.worker.shutdown();
    await this.worker.running;
    await this.worker.connection.close();
    this.worker = undefined;
  }

  async stop(): Promise<void> {
    await this.stopApi();
    await this.stopWorker();
    await this.dataSource?.destroy();
  }

  /**
   * A request as officer-sato of the sample organisation unless the headers say otherwise (a
   * header given as undefined is left out, e.g. `{ authorization: undefined }` for no sign-in).
   */
  async http<T = any>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    headers: Record<string, string | undefined> = {},
  ): Promise<HttpResult<T>> {
    const merged: Record<string, string | undefined> = {
      'content-type': 'application/json',
      ...(this.keys.has('kanazawa-cci/officer-sato') ? this.as('officer-sato') : {}),
      ...headers,
    };
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: Object.fromEntries(
        Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ),
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /**
   * Every table of the database but the migrations', as a row count and a checksum of its rows:
   * the read models, notifications, the command ledger, users and keys. Equal before and after a
   * request, it changed nothing.
   */
  async tableChecksums(): Promise<Record<string, { rows: number; md5: string | null }>> {
    this.tables ??= (
      await this.dataSource.query<Array<{ name: string }>>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1",
      )
    ).map((t) => t.name);
    // One statement, so a check after every request stays cheap.
    const fields = this.tables.map(
      (name) =>
        `'${name}', (SELECT json_build_object('rows', count(*), 'md5', md5(string_agg(t::text, '|' ORDER BY t::text))) FROM "${name}" t)`,
    );
    const [row] = await this.dataSource.query(
      `SELECT json_build_object(${fields.join(', ')}) AS sums`,
    );
    return (row as { sums: Record<string, { rows: number; md5: string | null }> }).sums;
  }

  /** Every row of the event log, to prove a request left it unchanged. */
  async eventLog(): Promise<unknown[]> {
    return this.dataSource.query(
      'SELECT organisation_id, case_id, seq, type, event FROM case_events ORDER BY organisation_id, case_id, seq',
    );
  }
}

/**
 * The product for one test file, with the sample organisation created: started before its tests,
 * stopped after them.
 */
export function useE2eStack(): E2eStack {
  return perTestFile(
    async () => {
      const stack = await E2eStack.start();
      await createOrganisation(stack);
      return stack;
    },
    (stack) => stack.stop(),
  );
}
