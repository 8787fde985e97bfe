import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CaseReadRepository } from '@banso/persistence';
import { parseOr400 } from '../http/zod-body';
import { ApiErrors } from '../openapi/zod-openapi';
import { OrganisationsService } from '../organisations/organisations.service';
import { listCasesQuerySchema } from './case.schemas';
import { CasesService } from './cases.service';

@ApiTags('cases')
@Controller('organisations/:orgId/cases')
export class CaseQueriesController {
  constructor(
    private readonly cases: CasesService,
    private readonly readModel: CaseReadRepository,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List cases from the read model, with filters, sorting and pages' })
  @ApiQuery({
    name: 'stage',
    required: false,
    enum: ['analysis', 'planning', 'followUp', 'closed'],
  })
  @ApiQuery({ name: 'kind', required: false, enum: ['standard', 'founder', 'succession'] })
  @ApiQuery({ name: 'officerId', required: false })
  @ApiQuery({ name: 'overdue', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'drifting', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'openDispatch', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'needsAttention', required: false, enum: ['true', 'false'] })
  @ApiQuery({
    name: 'fiscalYear',
    required: false,
    description: 'starting year: 2025 = 令和7年度 (April 2025 – March 2026)',
  })
  @ApiQuery({
    name: 'sort',
    required: false,
    enum: ['openedAt', 'nextFollowUpDue', 'firmName', 'updatedAt'],
  })
  @ApiQuery({ name: 'order', required: false, enum: ['asc', 'desc'] })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false, description: '1–100, default 20' })
  @ApiErrors(400, 404)
  async list(@Param('orgId') orgId: string, @Query() query: unknown) {
    const filter = parseOr400(listCasesQuerySchema, query, 'query');
    await this.organisations.get(orgId);
    return this.readModel.listCases({ organisationId: orgId, ...filter });
  }

  @Get(':caseId')
  @ApiOperation({ summary: "The case's live state, from its workflow" })
  @ApiErrors(404)
  live(@Param('orgId') orgId: string, @Param('caseId') caseId: string) {
    return this.cases.live({ organisationId: orgId, caseId });
  }

  @Get(':caseId/events')
  @ApiOperation({ summary: "The case's events in order, from the event log" })
  @ApiErrors(404)
  events(@Param('orgId') orgId: string, @Param('caseId') caseId: string) {
    return this.cases.events({ organisationId: orgId, caseId });
  }
}
