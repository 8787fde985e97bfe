import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { localDate, toInstant } from '@banso/domain';
import { CaseReadRepository } from '@banso/persistence';
import { Access } from '../auth/access';
import { CurrentUser } from '../auth/current-user';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
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
    description: 'An officer lists the cases assigned to them; a manager, every case.',
  })
  @ApiZodQuery(listCasesQuerySchema)
  @ApiAnswer(200, casePageSchema, 'One page of the cases that pass every filter given')
  @Access('officer', 'manager')
  @ApiErrors('ORGANISATION_NOT_FOUND', 'CASE_NOT_ASSIGNED', 'DATABASE_UNAVAILABLE')
  async list(
    @Param('orgId') orgId: string,
    @Query() query: unknown,
    @CurrentUser() user: Principal,
  ) {
    const filter = { ...parseOr400(listCasesQuerySchema, query, 'query') };
    if (user.role === 'officer') {
      if (filter.officerId !== undefined && filter.officerId !== user.userId) {
        throw new ApiError(
          'CASE_NOT_ASSIGNED',
          `an officer lists only their own cases: leave officerId out or give ${user.userId}`,
        );
      }
      filter.officerId = user.userId;
    }
    const organisation = await this.organisations.get(orgId);
    // A step's deadline is a date in the organisation's time zone: so is the today it is compared with.
    const today = localDate(toInstant(Date.now()), organisation.policy.timeZone);
    return this.readModel.listCases({ organisationId: orgId, ...filter, today });
  }

  @Get(':caseId')
  @ApiOperation({ operationId: 'getCase', summary: "The case's live state, from its workflow" })
  @ApiAnswer(200, liveCaseSchema, "The case's state now")
  @Access('officer', 'manager')
  @ApiErrors('CASE_NOT_FOUND', 'CASE_NOT_ASSIGNED', 'DATABASE_UNAVAILABLE', 'TEMPORAL_UNAVAILABLE')
  live(
    @Param('orgId') orgId: string,
    @Param('caseId') caseId: string,
    @CurrentUser() user: Principal,
  ) {
    return this.cases.live({ organisationId: orgId, caseId }, user);
  }

  @Get(':caseId/events')
  @ApiOperation({
    operationId: 'listCaseEvents',
    summary: "The case's events in order, from the event log",
  })
  @ApiAnswer(200, caseHistorySchema, 'Every event of the case, in seq order')
  @Access('officer', 'manager')
  @ApiErrors('CASE_NOT_FOUND', 'CASE_NOT_ASSIGNED', 'DATABASE_UNAVAILABLE')
  events(
    @Param('orgId') orgId: string,
    @Param('caseId') caseId: string,
    @CurrentUser() user: Principal,
  ) {
    return this.cases.events({ organisationId: orgId, caseId }, user);
  }
}
