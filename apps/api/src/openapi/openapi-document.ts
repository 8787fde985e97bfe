import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI for every endpoint, served at /docs (UI) and /docs-json. */
export function serveOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Banso API')
    .setDescription(
      '伴走支援 (accompaniment support) cases of chambers of commerce: open a case, record the analysis, ' +
        'draft and approve the plan, record follow-ups, and read cases, histories and notifications. ' +
        'Every error has the shape {error: {code, message, issues?, stage?, allowed?}}.',
    )
    .setVersion('0.1.0')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
