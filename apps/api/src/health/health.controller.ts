import { Controller, Get, Inject, Res } from '@nestjs/common';
import { Public } from '../auth/access';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { checkDatabase } from '@banso/persistence';
import { DATA_SOURCE } from '../database/database.module';
import { ApiAnswer, ApiErrors } from '../openapi/zod-openapi';
import { CaseWorkflowsService } from '../temporal/case-workflows.service';
import { type Health, healthSchema } from './health.schemas';

async function probe(check: () => Promise<unknown>) {
  const started = Date.now();
  try {
    await check();
    return { ok: true, latencyMs: Date.now() - started };
  } catch (err) {
    return { ok: false, latencyMs: Date.now() - started, error: (err as Error).message };
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly workflows: CaseWorkflowsService,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'getHealth',
    summary: 'PostgreSQL and Temporal reachable: 200, else 503 naming which is not',
  })
  @ApiAnswer(200, healthSchema, 'PostgreSQL and Temporal both answer')
  @ApiAnswer(503, healthSchema, 'PostgreSQL or Temporal does not answer: checks says which')
  @ApiErrors()
  async health(@Res({ passthrough: true }) res: Response): Promise<Health> {
    const [database, temporal] = await Promise.all([
      checkDatabase(this.dataSource),
      probe(() => this.workflows.ping()),
    ]);
    const ok = database.ok && temporal.ok;
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks: { database, temporal } };
  }
}
