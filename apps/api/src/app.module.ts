import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
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

@Module({})
export class AppModule {
  /** The configuration is validated before Nest starts and handed in, never read ad hoc. */
  static forRoot(config: ApiConfig): DynamicModule {
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
          },
        }),
        DatabaseModule,
      ],
      controllers: [
        OrganisationsController,
        CaseCommandsController,
        CaseQueriesController,
        NotificationsController,
        HealthController,
      ],
      providers: [
        CaseWorkflowsService,
        OrganisationsService,
        CasesService,
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}

@Module({})
class ConfigHolder {}
