/** The product as the benchmark drives it: its API over HTTP, its database, its Temporal server. */
export interface BenchStack {
  /** Which Temporal server it runs on: the CLI's dev server, or the real server on PostgreSQL. */
  server: 'dev-server' | 'temporal-server';
  apiUrl: string;
  /** The product's PostgreSQL database (event log and read models). */
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  /** The product worker's task queue. */
  taskQueue: string;
  /** The platform administrator's key: creates organisations, their users and keys. */
  adminKey: string;
  /** Makes an organisation with a manager and officers, each with an API key. */
  createOrganisation(organisationId: string): Promise<BenchOrganisation>;
  /** The worker process's id, to read its memory from /proc. */
  workerPid(): number;
  /** Stops the worker and starts it again with these extra environment variables. */
  restartWorker(env?: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

export interface BenchOrganisation {
  id: string;
  officers: string[];
  managers: string[];
  /** The Authorization header of one of its users. */
  as(userId: string): Record<string, string>;
}
