import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AuthGuard } from './auth/auth.guard';
import { Authenticator } from './auth/authenticator';
import { API_CONFIG, type ApiConfig } from './config/api-config';
import { DatabaseModule } from './database/database.module';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { CaseCommandsController } from './cases/case-commands.controller';
import { CaseQueriesController } from './cases/case-queries.controller';
import { CasesService } from './cases/cases.service';
import { HealthController } from './health/health.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { OrganisationsController } from './organisations/organisations.controller';
import { OrganisationsService } from './organisations/organisations.service';
import { CaseWorkflowsService } from './temporal/case-workflows.service';
import { UsersController } from './users/users.controller';
import { WorkListsController } from './work-lists/work-lists.controller';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { UsersService } from './users/users.service';
import { assignRequestId } from './http/request-id';
import { writeRateLimit } from './http/write-rate-limit';

@Module({})
export class AppModule {
  /** The configuration is validated before Nest starts and handed in, never read ad hoc. */
  static forRoot(config: ApiConfig): DynamicModule {
    const rateLimit = writeRateLimit(config);
    return {
      module: AppModule,
      imports: [
        {
          module: ConfigHolder,
          global: true,
          providers: [{ provide: API_CONFIG, useValue: config }],
          exports: [API_CONFIG],
        },
        LoggerModule.forRoot({
          pinoHttp: {
            name: 'banso-api',
            level: config.LOG_LEVEL,
            // Health probes every few seconds would drown the log.
            autoLogging: { ignore: (req) => req.url === '/health' },
            // The caller's X-Request-Id (or a new one) names the request in the log, in every
            // error body, in the answer's header and in the events it causes.
            // (createApiApp names it first, so that a body refused before this runs is named too.)
            genReqId: assignRequestId,
            // Never log a credential.
            redact: ['req.headers.authorization'],
          },
        }),
        DatabaseModule,
        ...rateLimit.imports,
      ],
      controllers: [
        OrganisationsController,
        CaseCommandsController,
        CaseQueriesController,
        NotificationsController,
        UsersController,
        WorkListsController,
        ReportsController,
        HealthController,
      ],
      providers: [
        CaseWorkflowsService,
        OrganisationsService,
        CasesService,
        UsersService,
        ReportsService,
        Authenticator,
        { provide: APP_GUARD, useClass: AuthGuard },
        // After AuthGuard, which finds the key whose writes it counts.
        ...rateLimit.guards,
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}

@Module({})
class ConfigHolder {}
