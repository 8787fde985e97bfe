import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { addDays, addMonths, localDate, toInstant } from '@banso/domain';
import { CaseReadRepository, UserRepository } from '@banso/persistence';
import { Access } from '../auth/access';
import { CurrentUser } from '../auth/current-user';
import type { Principal } from '../auth/principal';
import { listCasesQuerySchema } from '../cases/case.schemas';
import { ApiAnswer, ApiErrors } from '../openapi/zod-openapi';
import { OrganisationsService } from '../organisations/organisations.service';
import { workListsSchema } from './work-list.schemas';
import { queryOf, WORK_LISTS } from './work-lists';

@ApiTags('cases')
@Controller('organisations/:orgId/work-lists')
export class WorkListsController {
  constructor(
    private readonly cases: CaseReadRepository,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'getWorkLists',
    summary: 'The work lists on one page: each a filter of the case list, with its count',
    description:
      'Follow-ups overdue and due this month, drifting cases, proposed and open expert dispatches, ' +
      'analyses and plans past their deadline, cases needing attention, and the cases per ' +
      'officer. An officer sees their own cases only.',
  })
  @ApiAnswer(200, workListsSchema, 'Each list with its count and the query that opens it')
  @Access('officer', 'manager')
  @ApiErrors('DATABASE_UNAVAILABLE')
  async workLists(@Param('orgId') orgId: string, @CurrentUser() user: Principal) {
    const organisation = await this.organisations.get(orgId);
    const today = localDate(toInstant(Date.now()), organisation.policy.timeZone);
    const start = `${today.slice(0, 8)}01`;
    const month = { start, end: addDays(addMonths(start, 1), -1) };
    const scope = user.role === 'officer' ? { officerId: user.userId } : {};
    const lists = WORK_LISTS.map((list) => ({ list, query: queryOf(list, month) }));
    const { counts, perOfficer } = await this.cases.countLists(
      orgId,
      // Parsed as the case list parses it: a list and its count cannot disagree.
      Object.fromEntries(
        lists.map(({ list, query }) => [list.key, { ...listCasesQuerySchema.parse(query), today }]),
      ),
      scope,
    );
    const names = new Map((await this.users.list(orgId)).map((u) => [u.id, u.name]));
    return {
      today,
      month,
      lists: lists.map(({ list, query }) => ({
        key: list.key,
        label: list.label,
        count: counts[list.key] ?? 0,
        query,
      })),
      perOfficer: perOfficer.map((o) => ({ ...o, name: names.get(o.officerId) ?? null })),
    };
  }
}
