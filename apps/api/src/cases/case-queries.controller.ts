import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { happenedOnOf, localDate, toInstant } from '@banso/domain';
import { AuditRepository, CaseReadRepository, caseCursorProblem } from '@banso/persistence';
import { Access } from '../auth/access';
import { CurrentUser } from '../auth/current-user';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { csvText, sendCsv } from '../http/csv';
import { cursorRefused } from '../http/page-cursor';
import { parseOr400 } from '../http/zod-body';
import { ApiAnswer, ApiErrors, ApiZodQuery } from '../openapi/zod-openapi';
import { OrganisationsService } from '../organisations/organisations.service';
import {
  caseAuditSchema,
  caseHistorySchema,
  EVENT_CSV_COLUMNS,
  eventsQuerySchema,
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
    private readonly audit: AuditRepository,
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
    const listed = { organisationId: orgId, ...filter, today };
    const problem = filter.cursor && caseCursorProblem(listed, filter.cursor);
    if (problem) throw cursorRefused(problem);
    return this.readModel.listCases(listed);
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
    summary: "The case's events in order, from the event log (JSON, or CSV to export)",
  })
  @ApiZodQuery(eventsQuerySchema)
  @ApiAnswer(200, caseHistorySchema, 'Every event of the case, in seq order', {
    csv: `one row per event: ${EVENT_CSV_COLUMNS.join(', ')} (data as JSON)`,
  })
  @Access('officer', 'manager')
  @ApiErrors('CASE_NOT_FOUND', 'CASE_NOT_ASSIGNED', 'DATABASE_UNAVAILABLE')
  async events(
    @Param('orgId') orgId: string,
    @Param('caseId') caseId: string,
    @Query() query: unknown,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { format } = parseOr400(eventsQuerySchema, query, 'query');
    const history = await this.cases.events({ organisationId: orgId, caseId }, user);
    if (format !== 'csv') return history;
    const rows = history.events.map((e) => [
      e.seq,
      e.type,
      happenedOnOf(e) ?? '',
      e.at,
      e.actor.id,
      e.actor.role,
      e.actor.requestId ?? '',
      e.commandId,
      JSON.stringify(e.data),
    ]);
    return sendCsv(res, `${orgId}-${caseId}-events.csv`, csvText(EVENT_CSV_COLUMNS, rows));
  }

  @Get(':caseId/audit')
  @ApiOperation({
    operationId: 'auditCase',
    summary: "Checks the case's history against its hash chain",
    description:
      'Each event row carries the SHA-256 of its canonical content and of the previous event’s ' +
      'hash: a row changed, deleted, inserted or moved by hand breaks the chain at that seq.',
  })
  @ApiAnswer(200, caseAuditSchema, 'Whether the history verifies, and its events with their hashes')
  @Access('manager')
  @ApiErrors('CASE_NOT_FOUND', 'DATABASE_UNAVAILABLE')
  async auditCase(@Param('orgId') orgId: string, @Param('caseId') caseId: string) {
    const audit = await this.audit.auditOf(orgId, caseId);
    if (!audit) throw new ApiError('CASE_NOT_FOUND', `no case ${caseId} in organisation ${orgId}`);
    return { caseId, ...audit };
  }
}
