import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Actor } from '@banso/domain';
import { NotificationRepository } from '@banso/persistence';
import { CurrentActor } from '../http/actor.decorator';
import { parseOr400 } from '../http/zod-body';
import { ApiErrors, ApiJsonBody } from '../openapi/zod-openapi';
import { OrganisationsService } from '../organisations/organisations.service';

const listQuerySchema = z
  .object({
    officerId: z.string().min(1).optional(),
    managers: z.enum(['true']).optional(),
    unread: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    page: z.coerce.number().int().min(1).optional(),
    pageSize: z.coerce.number().int().min(1).max(100).optional(),
  })
  .refine((q) => (q.officerId === undefined) !== (q.managers === undefined), {
    message: 'name the recipient: either officerId=<id> or managers=true',
    path: ['officerId'],
  });

const markReadSchema = z.object({ ids: z.array(z.string().min(1)).min(1).max(500) });

@ApiTags('notifications')
@Controller('organisations/:orgId/notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: "An officer's or the managers' reminders and escalations, newest first",
  })
  @ApiQuery({ name: 'officerId', required: false })
  @ApiQuery({ name: 'managers', required: false, enum: ['true'] })
  @ApiQuery({ name: 'unread', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  @ApiErrors(400, 404)
  async list(@Param('orgId') orgId: string, @Query() query: unknown) {
    const { officerId, unread, page, pageSize } = parseOr400(listQuerySchema, query, 'query');
    await this.organisations.get(orgId);
    const recipient = officerId
      ? ({ role: 'officer', id: officerId } as const)
      : ({ role: 'manager' } as const);
    return this.notifications.listFor(orgId, recipient, { unreadOnly: unread, page, pageSize });
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark notifications read (idempotent)' })
  @ApiJsonBody(markReadSchema)
  @ApiErrors(400, 404)
  async markRead(
    @Param('orgId') orgId: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ) {
    const { ids } = parseOr400(markReadSchema, body, 'body');
    await this.organisations.get(orgId);
    return this.notifications.markRead(orgId, ids, actor.id);
  }
}
