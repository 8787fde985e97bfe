import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  AuditRepository,
  CaseReadRepository,
  createDataSource,
  NotificationRepository,
  OrganisationRepository,
  ReportRepository,
  UserRepository,
} from '@banso/persistence';
import { API_CONFIG, type ApiConfig } from '../config/api-config';

export const DATA_SOURCE = Symbol('DATA_SOURCE');

/** One pool for the API, shared with the read repositories of @banso/persistence. */
@Global()
@Module({
  providers: [
    {
      provide: DATA_SOURCE,
      inject: [API_CONFIG],
      useFactory: async (config: ApiConfig) =>
        createDataSource(config.DATABASE_URL, {
          poolSize: config.DATABASE_POOL_SIZE,
          statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
          // A request never waits long for a connection: 503 and the client retries.
          connectionTimeoutMs: 5_000,
        }).initialize(),
    },
    {
      provide: CaseReadRepository,
      inject: [DATA_SOURCE],
      useFactory: (ds: DataSource) => new CaseReadRepository(ds),
    },
    {
      provide: NotificationRepository,
      inject: [DATA_SOURCE],
      useFactory: (ds: DataSource) => new NotificationRepository(ds),
    },
    {
      provide: OrganisationRepository,
      inject: [DATA_SOURCE],
      useFactory: (ds: DataSource) => new OrganisationRepository(ds),
    },
    {
      provide: AuditRepository,
      inject: [DATA_SOURCE],
      useFactory: (ds: DataSource) => new AuditRepository(ds),
    },
    {
      provide: ReportRepository,
      inject: [DATA_SOURCE],
      useFactory: (ds: DataSource) => new ReportRepository(ds),
    },
    {
      provide: UserRepository,
      inject: [DATA_SOURCE],
      useFactory: (ds: DataSource) => new UserRepository(ds),
    },
  ],
  exports: [
    DATA_SOURCE,
    AuditRepository,
    CaseReadRepository,
    NotificationRepository,
    OrganisationRepository,
    ReportRepository,
    UserRepository,
  ],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
