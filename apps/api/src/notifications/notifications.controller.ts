import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@banso/domain';
import { NotificationRepository } from '@banso/persistence';
import { CurrentActor } from '../http/actor.decorator';
import { parseOr400 } from '../http/zod-body';
import { ApiAnswer, ApiErrors, ApiJsonBody, ApiZodQuery } from '../openapi/zod-openapi';
import { OrganisationsService } from '../organisations/organisations.service';
import {
  listNotificationsQuerySchema,
  markedReadSchema,
  markReadSchema,
  notificationPageSchema,
} from './notification.schemas';

@ApiTags('notifications')
@Controller('organisations/:orgId/notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listNotifications',
    summary: "An officer's or the managers' reminders and escalations, newest first",
    description: 'Name the inbox with exactly one of officerId and managers=true; else a 400.',
  })
  @ApiZodQuery(listNotificationsQuerySchema)
  @ApiAnswer(200, notificationPageSchema, 'One page of the inbox, newest first')
  @ApiErrors('ORGANISATION_NOT_FOUND', 'DATABASE_UNAVAILABLE')
  async list(@Param('orgId') orgId: string, @Query() query: unknown) {
    const { officerId, unread, page, pageSize } = parseOr400(
      listNotificationsQuerySchema,
      query,
      'query',
    );
    await this.organisations.get(orgId);
    const recipient = officerId
      ? ({ role: 'officer', id: officerId } as const)
      : ({ role: 'manager' } as const);
    return this.notifications.listFor(orgId, recipient, { unreadOnly: unread, page, pageSize });
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'markNotificationsRead',
    summary: 'Mark notifications read (idempotent)',
    description:
      "Ids already read keep their first read and are not counted; another organisation's ids are ignored.",
  })
  @ApiJsonBody(markReadSchema)
  @ApiAnswer(200, markedReadSchema, 'How many notifications this request marked read')
  @ApiErrors('ORGANISATION_NOT_FOUND', 'DATABASE_UNAVAILABLE')
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
