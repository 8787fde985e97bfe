import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { localDate, toInstant } from '@banso/domain';
import { CaseReadRepository } from '@banso/persistence';
import { parseOr400 } from '../http/zod-body';
import { ApiAnswer, ApiErrors, ApiZodQuery } from '../openapi/zod-openapi';
import { OrganisationsService } from '../organisations/organisations.service';
import {
  caseHistorySchema,
  casePageSchema,
  listCasesQuerySchema,
  liveCaseSchema,
} from './case.schemas';
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
  @ApiOperation({
    operationId: 'listCases',
    summary: 'List cases from the read model, with filters, sorting and pages',
  })
  @ApiZodQuery(listCasesQuerySchema)
  @ApiAnswer(200, casePageSchema, 'One page of the cases that pass every filter given')
  @ApiErrors('ORGANISATION_NOT_FOUND', 'DATABASE_UNAVAILABLE')
  async list(@Param('orgId') orgId: string, @Query() query: unknown) {
    const filter = parseOr400(listCasesQuerySchema, query, 'query');
    const organisation = await this.organisations.get(orgId);
    // A step's deadline is a date in the organisation's time zone: so is the today it is compared with.
    const today = localDate(toInstant(Date.now()), organisation.policy.timeZone);
    return this.readModel.listCases({ organisationId: orgId, ...filter, today });
  }

  @Get(':caseId')
  @ApiOperation({ operationId: 'getCase', summary: "The case's live state, from its workflow" })
  @ApiAnswer(200, liveCaseSchema, "The case's state now")
  @ApiErrors('CASE_NOT_FOUND', 'DATABASE_UNAVAILABLE', 'TEMPORAL_UNAVAILABLE')
  live(@Param('orgId') orgId: string, @Param('caseId') caseId: string) {
    return this.cases.live({ organisationId: orgId, caseId });
  }

  @Get(':caseId/events')
  @ApiOperation({
    operationId: 'listCaseEvents',
    summary: "The case's events in order, from the event log",
  })
  @ApiAnswer(200, caseHistorySchema, 'Every event of the case, in seq order')
  @ApiErrors('CASE_NOT_FOUND', 'DATABASE_UNAVAILABLE')
  events(@Param('orgId') orgId: string, @Param('caseId') caseId: string) {
    return this.cases.events({ organisationId: orgId, caseId });
  }
}
