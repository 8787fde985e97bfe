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
    extra: { types: pgTypes, connectionTimeoutMillis: 10_000 },
  });
}

/** Applies pending migrations in one transaction; returns those it ran (none when up to date). */
export function runMigrations(ds: DataSource): Promise<Migration[]> {
  return ds.runMigrations({ transaction: 'all' });
}
