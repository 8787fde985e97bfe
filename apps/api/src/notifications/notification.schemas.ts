import { z } from 'zod';
import { NOTIFICATION_KINDS } from '@banso/domain';
import type { InboxNotification } from '@banso/persistence';
import { queryInteger } from '../http/zod-body';
import {
  count,
  isoDate,
  isoDateTime,
  PAGE_OR_CURSOR,
  pageCursor,
  pageOrCursor,
  pageSchema,
} from '../openapi/domain-schemas';
import { apiSchema } from '../openapi/zod-openapi';

export const listNotificationsQuerySchema = z
  .object({
    officerId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('The officer whose inbox to list (a manager may name any); not with managers=true'),
    managers: z
      .enum(['true'])
      .optional()
      .describe("true: the managers' shared inbox (managers only); not with officerId"),
    unread: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .describe('true: only the notifications not yet read'),
    page: queryInteger(1, 1_000_000).optional().describe('1-based; 1 when left out'),
    pageSize: queryInteger(1, 100).optional().describe('20 when left out'),
    cursor: pageCursor,
  })
  .refine(pageOrCursor, PAGE_OR_CURSOR)
  .refine((q) => q.officerId === undefined || q.managers === undefined, {
    message: 'name one inbox: officerId=<id> or managers=true, not both (or neither, for your own)',
    path: ['officerId'],
  });

export const markReadSchema = z.object({ ids: z.array(z.string().min(1)).min(1).max(500) });

// What the notification routes answer.

export const notificationSchema = apiSchema(
  'Notification',
  z.object({
    id: z.string(),
    caseId: z.string(),
    organisationId: z.string(),
    seq: count.describe('The seq of the event that raised it (the case version, for attention)'),
    kind: z.enum(NOTIFICATION_KINDS),
    recipient: z.union([
      z.object({ role: z.literal('officer'), id: z.string() }),
      z.object({ role: z.literal('manager'), organisationId: z.string() }),
    ]),
    subject: z.enum(['analysis', 'plan', 'followUp', 'dispatch', 'case']),
    dueDate: isoDate.nullable(),
    message: z.string(),
    createdAt: isoDateTime.describe('When the event that raised it happened'),
    read: z.boolean(),
    readAt: isoDateTime.nullable(),
    readBy: z.string().nullable(),
  }),
);

export const notificationPageSchema = apiSchema('NotificationPage', pageSchema(notificationSchema));

export const markedReadSchema = apiSchema(
  'MarkedRead',
  z.object({ marked: count.describe('How many were not read before') }),
);

// The schema documents this type: each way round, so neither can change alone.
const _notificationIn = (n: InboxNotification): z.output<typeof notificationSchema> => n;
const _notificationOut = (n: z.output<typeof notificationSchema>): InboxNotification => n;
