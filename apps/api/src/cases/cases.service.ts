import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type CaseEvent,
  type CommandRecord,
  type CommandType,
  decide,
  fold,
  INITIAL_STATE,
  parseCommandData,
  priorCommand,
  roleRefusal,
  toInstant,
} from '@banso/domain';
import { CaseReadRepository } from '@banso/persistence';
import type { CommandInput, CommandResult, UpdateCommandType } from '@banso/workflows';
import { actorOf } from '../auth/current-user';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { parseOr400 } from '../http/zod-body';
import { OrganisationsService } from '../organisations/organisations.service';
import { type CaseRef, CaseWorkflowsService } from '../temporal/case-workflows.service';
import { bodyHash } from './body-hash';
import { caseIdFor } from './case-id';
import { openCaseBodySchema } from './case.schemas';

/** What every command answers, the first time and on every retry with the same key and body. */
export interface CommandAnswer {
  caseId: string;
  /** The command's id: the Idempotency-Key sent, or the one generated; retry with it. */
  commandId: string;
  state: CommandResult['state'];
  /** The events the command added to the log. */
  events: CaseEvent[];
}

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
    user: Principal,
  ): Promise<CommandAnswer> {
    const parsed = parseOr400(openCaseBodySchema, body, 'body');
    const { caseId: requestedId, firm, kind, officerId, openedOn } = parsed;
    const actor = actorOf(user);
    mayPerform('openCase', actor);
    if (user.role === 'officer' && officerId !== user.userId) {
      throw new ApiError(
        'CASE_NOT_ASSIGNED',
        `an officer opens cases for themselves: officerId must be ${user.userId}; a manager may open a case for another officer`,
      );
    }
    const organisation = await this.organisations.get(organisationId);
    const commandId = idempotencyKey ?? randomUUID();
    const caseId = requestedId ?? caseIdFor(organisationId, commandId);
    const ref = { organisationId, caseId };
    const hash = bodyHash('openCase', body);

    // A case with this id exists: the same request answers its opening; another is refused.
    const opening = await this.cases.openingOf(organisationId, caseId);
    if (opening) {
      const prior = priorCommand(commandId, opening, 'openCase', hash);
      if (prior.kind === 'conflict') {
        throw new ApiError(
          'IDEMPOTENCY_KEY_REUSED',
          `case ${caseId} was already opened with a different request; nothing was changed. ` +
            'Use a new Idempotency-Key (or caseId) for a new case',
        );
      }
      return this.firstResult(ref, opening.commandId, opening);
    }

    const data = {
      organisationId,
      firm,
      kind,
      officerId,
      policy: organisation.policy,
      ...(openedOn === undefined ? {} : { openedOn }),
    };
    const open: CommandInput<'openCase'> = { commandId, bodyHash: hash, actor, data };
    // Refuse here what the workflow would refuse, so no workflow starts for a bad request.
    const dryRun = decide(
      INITIAL_STATE,
      { type: 'openCase', caseId, ...open },
      toInstant(Date.now()),
    );
    if (!dryRun.ok) throw ApiError.fromDomain(dryRun.error);
    const result = await this.workflows.open({ organisationId, caseId, open });
    return this.answer(ref, result);
  }

  async command<T extends UpdateCommandType>(
    ref: CaseRef,
    type: T,
    body: unknown,
    user: Principal,
    idempotencyKey?: string,
  ): Promise<CommandAnswer> {
    // No body at all is an empty one: approvePlan needs nothing else.
    const parsed = parseCommandData(type, body ?? {}, 'body');
    if (!parsed.ok) throw ApiError.fromDomain(parsed.error);
    const actor = actorOf(user);
    mayPerform(type, actor);
    const summary = await this.summaryOf(ref, user);
    const commandId = idempotencyKey ?? randomUUID();
    const hash = bodyHash(type, body);
    if (idempotencyKey) {
      // Done before (perhaps in an earlier run of the case, or before it closed): the first result.
      const record = await this.cases.commandRecord(ref.organisationId, ref.caseId, commandId);
      const prior = priorCommand(commandId, record ?? undefined, type, hash);
      if (prior.kind === 'conflict') throw ApiError.fromDomain(prior.error);
      if (prior.kind === 'done') return this.firstResult(ref, commandId, prior.record);
    }
    if (type === 'approvePlan') await this.notOwnPlan(ref, user);
    if (summary.stage === 'closed') {
      throw new ApiError(
        'WRONG_STAGE',
        `case ${ref.caseId} is closed; no more commands are taken`,
        {
          stage: 'closed',
          allowed: [],
        },
      );
    }
    const input = { commandId, bodyHash: hash, actor, data: parsed.data } as CommandInput<T>;
    const result = await this.workflows.command(ref, type, input);
    return this.answer(ref, result);
  }

  async live(ref: CaseRef, user: Principal) {
    const summary = await this.summaryOf(ref, user);
    if (summary.stage === 'closed') {
      // A closed case never changes again, and its workflow is purged after the retention period:
      // its state is the fold of its events.
      const events = await this.cases.eventsOf(ref.organisationId, ref.caseId);
      return { caseId: ref.caseId, state: fold(events) };
    }
    return { caseId: ref.caseId, state: await this.workflows.state(ref) };
  }

  async events(ref: CaseRef, user: Principal) {
    await this.summaryOf(ref, user);
    return {
      caseId: ref.caseId,
      events: await this.cases.eventsOf(ref.organisationId, ref.caseId),
    };
  }

  private async answer(ref: CaseRef, result: CommandResult): Promise<CommandAnswer> {
    if (result.replayed) {
      return this.firstResult(ref, result.commandId, result.replayed);
    }
    return {
      caseId: ref.caseId,
      commandId: result.commandId,
      state: result.state,
      events: result.events,
    };
  }

  /** The answer a command gave when it was done, from the log: its events and the state after them. */
  private async firstResult(
    ref: CaseRef,
    commandId: string,
    record: Pick<CommandRecord, 'firstSeq' | 'lastSeq'>,
  ): Promise<CommandAnswer> {
    const upTo = await this.cases.eventsBetween(ref.organisationId, ref.caseId, 1, record.lastSeq);
    return {
      caseId: ref.caseId,
      commandId,
      state: fold(upTo),
      events: upTo.filter((e) => e.seq >= record.firstSeq),
    };
  }

  /** The case's summary, if the user may see the case: an officer sees the cases assigned to them. */
  async summaryOf(ref: CaseRef, user: Principal) {
    const summary = await this.cases.getSummary(ref.organisationId, ref.caseId);
    if (!summary) {
      throw new ApiError(
        'CASE_NOT_FOUND',
        `no case ${ref.caseId} in organisation ${ref.organisationId}`,
      );
    }
    if (user.role === 'officer' && summary.officerId !== user.userId) {
      throw new ApiError(
        'CASE_NOT_ASSIGNED',
        `case ${ref.caseId} is assigned to another officer: an officer works and reads only their own cases`,
      );
    }
    return summary;
  }

  /** Four eyes: whoever drafted the plan does not approve it. */
  private async notOwnPlan(ref: CaseRef, user: Principal): Promise<void> {
    const drafted = await this.cases.lastEventOf(ref.organisationId, ref.caseId, 'PlanDrafted');
    if (drafted?.actor.id === user.userId) {
      throw new ApiError(
        'SELF_APPROVAL',
        `${user.userId} drafted this plan (event ${drafted.seq}); another manager approves it`,
      );
    }
  }
}

/** The roles a command declares: refused before anything is sent to the case. */
function mayPerform(type: CommandType, actor: Actor): void {
  const refused = roleRefusal(type, actor.role);
  if (refused) throw ApiError.fromDomain(refused);
}
