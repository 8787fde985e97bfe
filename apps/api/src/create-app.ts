import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { ApiConfig } from './config/api-config';
import { serveOpenApi } from './openapi/openapi-document';

/** The API application, configured; main.ts and the end-to-end tests both build it here. */
export async function createApiApp(config: ApiConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.useBodyParser('json', { limit: '1mb' });
  serveOpenApi(app);
  return app;
}
