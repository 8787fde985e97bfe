import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type InboxOwner, inboxCursorProblem, NotificationRepository } from '@banso/persistence';
import { Access } from '../auth/access';
import { CurrentUser } from '../auth/current-user';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { cursorRefused } from '../http/page-cursor';
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
    description:
      'Name the inbox with officerId or managers=true (not both); left out, it is the caller’s own ' +
      '(an officer’s, or the managers’). An officer reads only their own inbox; a manager, any.',
  })
  @ApiZodQuery(listNotificationsQuerySchema)
  @ApiAnswer(200, notificationPageSchema, 'One page of the inbox, newest first')
  @Access('officer', 'manager')
  @ApiErrors('ORGANISATION_NOT_FOUND', 'ROLE_NOT_ALLOWED', 'DATABASE_UNAVAILABLE')
  async list(
    @Param('orgId') orgId: string,
    @Query() query: unknown,
    @CurrentUser() user: Principal,
  ) {
    const { officerId, managers, unread, page, pageSize, cursor } = parseOr400(
      listNotificationsQuerySchema,
      query,
      'query',
    );
    await this.organisations.get(orgId);
    const inbox = inboxOf(user, { officerId, managers: managers === 'true' });
    const options = { unreadOnly: unread, page, pageSize, cursor };
    const problem = cursor && inboxCursorProblem(orgId, inbox, options, cursor);
    if (problem) throw cursorRefused(problem);
    return this.notifications.listFor(orgId, inbox, options);
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'markNotificationsRead',
    summary: 'Mark notifications read (idempotent)',
    description:
      'Ids already read keep their first read and are not counted. An officer marks only their own ' +
      'notifications, a manager any of the organisation’s: other ids are ignored.',
  })
  @ApiJsonBody(markReadSchema)
  @ApiAnswer(200, markedReadSchema, 'How many notifications this request marked read')
  @Access('officer', 'manager')
  @ApiErrors('ORGANISATION_NOT_FOUND', 'DATABASE_UNAVAILABLE')
  async markRead(
    @Param('orgId') orgId: string,
    @Body() body: unknown,
    @CurrentUser() user: Principal,
  ) {
    const { ids } = parseOr400(markReadSchema, body, 'body');
    await this.organisations.get(orgId);
    const onlyOf =
      user.role === 'officer' ? { role: 'officer' as const, id: user.userId } : undefined;
    return this.notifications.markRead(orgId, ids, user.userId, onlyOf);
  }
}

/** The inbox a request names, if its user may read it: an officer reads only their own. */
function inboxOf(user: Principal, asked: { officerId?: string; managers: boolean }): InboxOwner {
  if (user.role === 'manager') {
    return asked.officerId ? { role: 'officer', id: asked.officerId } : { role: 'manager' };
  }
  if (asked.managers || (asked.officerId !== undefined && asked.officerId !== user.userId)) {
    throw new ApiError(
      'ROLE_NOT_ALLOWED',
      `an officer reads only their own inbox: leave officerId out or give ${user.userId}`,
      { role: user.role, allowed: ['manager'] },
    );
  }
  return { role: 'officer', id: user.userId };
}
