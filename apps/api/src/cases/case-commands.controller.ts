import { applyDecorators, Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { COMMANDS, ROUTED_COMMAND_TYPES, type RoutedCommandType } from '@banso/domain';
import { Access } from '../auth/access';
import { CurrentUser } from '../auth/current-user';
import type { Principal } from '../auth/principal';
import { idempotencyKeyOf } from '../http/idempotency-key';
import { ApiAnswer, ApiErrors, ApiIdempotencyKey, ApiJsonBody } from '../openapi/zod-openapi';
import { commandAnswerSchema, commandErrorCodes, openCaseBodySchema } from './case.schemas';
import { CasesService } from './cases.service';

/**
 * Commands go to the case's workflow as Temporal updates: the answer is the command's id, the
 * events it added and the case's new state. Each route is derived from the command's declaration
 * in libs/domain (its path, schema and roles); only the open, which names no case yet, is written
 * out here.
 */
@ApiTags('cases')
@Controller('organisations/:orgId/cases')
export class CaseCommandsController {
  constructor(readonly cases: CasesService) {}

  @Post()
  @ApiOperation({
    operationId: 'openCase',
    summary: 'Open a support case (伴走支援の開始)',
    description:
      'Idempotent with an Idempotency-Key header or a caseId in the body: the same request opens ' +
      'one case and answers its opening again; another body with the same key is a 409.',
  })
  @ApiIdempotencyKey()
  @ApiJsonBody(openCaseBodySchema)
  @ApiAnswer(201, commandAnswerSchema, 'The case opened (or, for a repeated request, its opening)')
  @Access(...COMMANDS.openCase.roles)
  @ApiErrors(...commandErrorCodes('openCase'))
  open(
    @Param('orgId') orgId: string,
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: Principal,
  ) {
    return this.cases.open(orgId, body, idempotencyKeyOf(key), user);
  }
}

type CommandHandler = (
  this: CaseCommandsController,
  orgId: string,
  caseId: string,
  body: unknown,
  user: Principal,
  key: string | undefined,
) => ReturnType<CasesService['command']>;

/** One route per declared command: POST /organisations/{orgId}/cases/{caseId}/<path>. */
function routeCommand(type: RoutedCommandType): void {
  const { http, schema, roles, stages } = COMMANDS[type];
  const proto = CaseCommandsController.prototype as unknown as Record<string, unknown>;
  const handler: CommandHandler = function (orgId, caseId, body, user, key) {
    return this.cases.command(
      { organisationId: orgId, caseId },
      type,
      body,
      user,
      idempotencyKeyOf(key),
    );
  };
  Object.defineProperty(proto, type, { value: handler, writable: true, configurable: true });
  Param('orgId')(proto, type, 0);
  Param('caseId')(proto, type, 1);
  Body()(proto, type, 2);
  CurrentUser()(proto, type, 3);
  Headers('idempotency-key')(proto, type, 4);
  const descriptor = Object.getOwnPropertyDescriptor(proto, type) as PropertyDescriptor;
  applyDecorators(
    Post(`:caseId/${http.path}`),
    HttpCode(200),
    ApiOperation({
      operationId: type,
      summary: http.summary,
      description:
        `${'description' in http ? `${http.description} ` : ''}` +
        `Accepted in: ${stages.join(', ')}. May be sent by: ${roles.join(', ')}` +
        `${(roles as readonly string[]).includes('officer') ? ' (an officer, on the cases assigned to them)' : ''}.`,
    }),
    Access(...roles),
    ApiIdempotencyKey(),
    ApiJsonBody(schema),
    ApiAnswer(
      200,
      commandAnswerSchema,
      'The command done (or, for a repeated request, its first result)',
    ),
    ApiErrors(...commandErrorCodes(type)),
  )(proto, type, descriptor);
  Object.defineProperty(proto, type, descriptor);
}

ROUTED_COMMAND_TYPES.forEach(routeCommand);
