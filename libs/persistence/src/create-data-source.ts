import { type CustomTypesConfig, types } from 'pg';
import { DataSource, type Migration } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * pg turns DATE into a JS Date at local midnight, which shifts the day in any zone west of UTC.
 * Dates cross this system as 'YYYY-MM-DD' strings, so they stay strings. Scoped to our pool (pg's
 * `types` client option) rather than set globally, so other pg users in the process are unaffected.
 */
const pgTypes: CustomTypesConfig = {
  getTypeParser: (oid, format) =>
    oid === types.builtins.DATE
      ? (value: string) => value
      : (types.getTypeParser(oid, format) as unknown),
};

export interface DataSourceOptions {
  logging?: boolean;
  /** Connections in the pool: the worker sizes it to its activity concurrency. Default 10. */
  poolSize?: number;
  /** A statement running longer is cancelled (SQLSTATE 57014, retried as transient). */
  statementTimeoutMs?: number;
  /** Waiting longer for a row or table lock fails the statement (55P03, retried as transient). */
  lockTimeoutMs?: number;
  /** Waiting longer for a connection from the pool fails the request. Default 10 s. */
  connectionTimeoutMs?: number;
}

/** A DataSource for the Banso schema; call `initialize()` then `runMigrations`. Never synchronises. */
export function createDataSource(databaseUrl: string, options: DataSourceOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    migrationsRun: false,
    logging: options.logging ?? false,
    // Fail fast when the pool cannot get a connection, instead of hanging a request or a health check.
    extra: {
      types: pgTypes,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
      ...(options.lockTimeoutMs ? { lock_timeout: options.lockTimeoutMs } : {}),
    },
  });
}

/** Applies pending migrations in one transaction; returns those it ran (none when up to date). */
export function runMigrations(ds: DataSource): Promise<Migration[]> {
  return ds.runMigrations({ transaction: 'all' });
}
