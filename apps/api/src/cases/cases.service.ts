import { Injectable } from '@nestjs/common';
import {
  type Actor,
  commandDataSchemas,
  decide,
  type EventOf,
  fold,
  INITIAL_STATE,
  toInstant,
} from '@banso/domain';
import { CaseReadRepository } from '@banso/persistence';
import type { CommandInput, UpdateCommandType } from '@banso/workflows';
import { ApiError } from '../errors/api-error';
import { parseOr400 } from '../http/zod-body';
import { OrganisationsService } from '../organisations/organisations.service';
import { CaseWorkflowsService } from '../temporal/case-workflows.service';
import { caseIdFor } from './case-id';
import { openCaseBodySchema } from './case.schemas';

@Injectable()
export class CasesService {
  constructor(
    private readonly workflows: CaseWorkflowsService,
    private readonly cases: CaseReadRepository,
    private readonly organisations: OrganisationsService,
  ) {}

  async open(
    organisationId: string,
    body: unknown,
    idempotencyKey: string | undefined,
    actor: Actor,
  ) {
    const {
      caseId: requestedId,
      firm,
      kind,
      officerId,
    } = parseOr400(openCaseBodySchema, body, 'body');
    const organisation = await this.organisations.get(organisationId);
    const caseId = requestedId ?? caseIdFor(organisationId, idempotencyKey);
    const open = {
      actor,
      data: { organisationId, firm, kind, officerId, policy: organisation.policy },
    };
    // Refuse here what the workflow would refuse, so no workflow starts for a bad request.
    const dryRun = decide(
      INITIAL_STATE,
      { type: 'openCase', caseId, ...open },
      toInstant(Date.now()),
    );
    if (!dryRun.ok) throw ApiError.fromDomain(dryRun.error);

    // Answered from the log when the case exists: its workflow may be long finished and purged.
    const logged = await this.cases.eventsOf(organisationId, caseId);
    const view = logged.length
      ? { state: fold(logged), events: logged }
      : await this.workflows.open({ caseId, open });
    const opened = view.events[0] as EventOf<'CaseOpened'> | undefined;
    const same =
      opened?.organisationId === organisationId &&
      opened.data.kind === kind &&
      opened.data.officerId === officerId &&
      JSON.stringify(opened.data.firm) === JSON.stringify(firm);
    if (!same) {
      throw new ApiError(
        'IDEMPOTENCY_KEY_REUSED',
        `case ${caseId} was already opened with a different request; use a new Idempotency-Key for a new case`,
      );
    }
    return { caseId, state: view.state, events: view.events };
  }

  async command<T extends UpdateCommandType>(
    organisationId: string,
    caseId: string,
    type: T,
    body: unknown,
    actor: Actor,
    idempotencyKey?: string,
  ) {
    const data = parseOr400(commandDataSchemas[type], body, 'body') as CommandInput<T>['data'];
    const summary = await this.summaryOf(organisationId, caseId);
    if (summary.stage === 'closed') {
      throw new ApiError('WRONG_STAGE', `case ${caseId} is closed; no more commands are taken`, {
        stage: 'closed',
        allowed: [],
      });
    }
    const result = await this.workflows.command(caseId, type, { actor, data }, idempotencyKey);
    return { caseId, state: result.state, events: result.events };
  }

  async live(organisationId: string, caseId: string) {
    const summary = await this.summaryOf(organisationId, caseId);
    if (summary.stage === 'closed') {
      // A closed case never changes again, and its workflow is purged after the retention period:
      // its state is the fold of its events.
      return { caseId, state: fold(await this.cases.eventsOf(organisationId, caseId)) };
    }
    const { state } = await this.workflows.view(caseId);
    return { caseId, state };
  }

  async events(organisationId: string, caseId: string) {
    await this.summaryOf(organisationId, caseId);
    return { caseId, events: await this.cases.eventsOf(organisationId, caseId) };
  }

  private async summaryOf(organisationId: string, caseId: string) {
    const summary = await this.cases.getSummary(organisationId, caseId);
    if (!summary)
      throw new ApiError('CASE_NOT_FOUND', `no case ${caseId} in organisation ${organisationId}`);
    return summary;
  }
}
