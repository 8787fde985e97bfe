import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, commandDataSchemas } from '@banso/domain';
import type { UpdateCommandType } from '@banso/workflows';
import { CurrentActor } from '../http/actor.decorator';
import { ApiErrors, ApiJsonBody } from '../openapi/zod-openapi';
import { openCaseBodySchema } from './case.schemas';
import { CasesService } from './cases.service';

/**
 * Commands go to the case's workflow as Temporal updates: the answer is the case's new state. An
 * Idempotency-Key header on a command makes a retried request run once (it becomes the update id).
 */
@ApiTags('cases')
@Controller('organisations/:orgId/cases')
export class CaseCommandsController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @ApiOperation({
    summary: 'Open a support case (伴走支援の開始)',
    description:
      'Idempotent with an Idempotency-Key header or a caseId in the body: the same request opens one case.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiJsonBody(openCaseBodySchema)
  @ApiErrors(400, 404, 409)
  open(
    @Param('orgId') orgId: string,
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() actor: Actor,
  ) {
    return this.cases.open(orgId, body, key, actor);
  }

  @Post(':caseId/analysis')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the business analysis (経営状況の分析)' })
  @ApiJsonBody(commandDataSchemas.recordAnalysis)
  @ApiErrors(400, 404, 409)
  recordAnalysis(
    @Param('orgId') o: string,
    @Param('caseId') c: string,
    @Body() b: unknown,
    @CurrentActor() a: Actor,
    @Headers('idempotency-key') k?: string,
  ) {
    return this.send(o, c, k, 'recordAnalysis', b, a);
  }

  @Post(':caseId/plan/draft')
  @HttpCode(200)
  @ApiOperation({ summary: 'Draft (or redraft) the business plan (事業計画策定)' })
  @ApiJsonBody(commandDataSchemas.draftPlan)
  @ApiErrors(400, 404, 409)
  draftPlan(
    @Param('orgId') o: string,
    @Param('caseId') c: string,
    @Body() b: unknown,
    @CurrentActor() a: Actor,
    @Headers('idempotency-key') k?: string,
  ) {
    return this.send(o, c, k, 'draftPlan', b, a);
  }

  @Post(':caseId/plan/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve the drafted plan; follow-ups start on the policy cadence' })
  @ApiJsonBody(commandDataSchemas.approvePlan)
  @ApiErrors(400, 404, 409)
  approvePlan(
    @Param('orgId') o: string,
    @Param('caseId') c: string,
    @Body() b: unknown,
    @CurrentActor() a: Actor,
    @Headers('idempotency-key') k?: string,
  ) {
    return this.send(o, c, k, 'approvePlan', b, a);
  }

  @Post(':caseId/plan/revisions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revise the plan during follow-up (targets, period or actions)' })
  @ApiJsonBody(commandDataSchemas.revisePlan)
  @ApiErrors(400, 404, 409)
  revisePlan(
    @Param('orgId') o: string,
    @Param('caseId') c: string,
    @Body() b: unknown,
    @CurrentActor() a: Actor,
    @Headers('idempotency-key') k?: string,
  ) {
    return this.send(o, c, k, 'revisePlan', b, a);
  }

  @Post(':caseId/follow-ups')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a follow-up with the actual KPI values (フォローアップ)' })
  @ApiJsonBody(commandDataSchemas.recordFollowUp)
  @ApiErrors(400, 404, 409)
  recordFollowUp(
    @Param('orgId') o: string,
    @Param('caseId') c: string,
    @Body() b: unknown,
    @CurrentActor() a: Actor,
    @Headers('idempotency-key') k?: string,
  ) {
    return this.send(o, c, k, 'recordFollowUp', b, a);
  }

  @Post(':caseId/dispatch/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete the open expert dispatch (専門家派遣)' })
  @ApiJsonBody(commandDataSchemas.completeExpertDispatch)
  @ApiErrors(400, 404, 409)
  completeDispatch(
    @Param('orgId') o: string,
    @Param('caseId') c: string,
    @Body() b: unknown,
    @CurrentActor() a: Actor,
    @Headers('idempotency-key') k?: string,
  ) {
    return this.send(o, c, k, 'completeExpertDispatch', b, a);
  }

  @Post(':caseId/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reassign the responsible officer' })
  @ApiJsonBody(commandDataSchemas.reassignOfficer)
  @ApiErrors(400, 404, 409)
  reassign(
    @Param('orgId') o: string,
    @Param('caseId') c: string,
    @Body() b: unknown,
    @CurrentActor() a: Actor,
    @Headers('idempotency-key') k?: string,
  ) {
    return this.send(o, c, k, 'reassignOfficer', b, a);
  }

  @Post(':caseId/close')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Close the case: self-sustaining (自走化), plan period ended, withdrawn, or business closed',
  })
  @ApiJsonBody(commandDataSchemas.closeCase)
  @ApiErrors(400, 404, 409)
  close(
    @Param('orgId') o: string,
    @Param('caseId') c: string,
    @Body() b: unknown,
    @CurrentActor() a: Actor,
    @Headers('idempotency-key') k?: string,
  ) {
    return this.send(o, c, k, 'closeCase', b, a);
  }

  private send(
    orgId: string,
    caseId: string,
    key: string | undefined,
    type: UpdateCommandType,
    body: unknown,
    actor: Actor,
  ) {
    return this.cases.command(orgId, caseId, type, body, actor, key);
  }
}
