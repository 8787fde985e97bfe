import type { IsoDate, IsoDateTime, Notification, Recipient } from '@banso/domain';
import type { DataSource } from 'typeorm';
import { PersistenceError } from '../persistence.error';
import { decodeCursor, listFingerprint, nextCursorOf, type Page, paging } from './paging';

/** Whose inbox: one officer's, or the organisation's managers' (shared by all of them). */
export type InboxOwner = { role: 'officer'; id: string } | { role: 'manager' };

/** A notification in an inbox, as plain JSON. */
export interface InboxNotification {
  id: string;
  caseId: string;
  organisationId: string;
  seq: number;
  kind: Notification['kind'];
  recipient: Recipient;
  subject: Notification['subject'];
  dueDate: IsoDate | null;
  message: string;
  /** When the event that raised it happened. */
  createdAt: IsoDateTime;
  read: boolean;
  readAt: IsoDateTime | null;
  readBy: string | null;
}

export interface InboxOptions {
  unreadOnly?: boolean;
  /** 1-based, read by offset. */
  page?: number;
  pageSize?: number;
  /** A previous page's nextCursor: the page after it, read from the inbox index. */
  cursor?: string;
}

interface InboxRow {
  id: string;
  case_id: string;
  organisation_id: string;
  seq: number;
  kind: Notification['kind'];
  recipient_role: 'officer' | 'manager';
  recipient_id: string | null;
  subject: Notification['subject'];
  due_date: string | null;
  message: string;
  created_at: Date;
  read_at: Date | null;
  read_by: string | null;
}

export class NotificationRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Newest first (ties by id, newest first too), read in the order of ix_notifications_inbox:
   * after a cursor (keyset), or at an offset for a page number; with the count of the inbox.
   */
  async listFor(
    organisationId: string,
    owner: InboxOwner,
    opts: InboxOptions = {},
  ): Promise<Page<InboxNotification>> {
    const { pageSize, offset, ...numbered } = paging(opts.page, opts.pageSize);
    const params: unknown[] = [organisationId, owner.role];
    // The managers' notifications name no officer: saying so lets the index give their order.
    const where = ['n.organisation_id = $1', 'n.recipient_role = $2'];
    if (owner.role === 'officer') {
      params.push(owner.id);
      where.push(`n.recipient_id = $${params.length}`);
    } else {
      where.push('n.recipient_id IS NULL');
    }
    if (opts.unreadOnly) where.push('r.notification_id IS NULL');
    const from = `FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.id
      WHERE ${where.join(' AND ')}`;
    const counted = await this.ds.query<Array<{ total: number }>>(
      `SELECT count(*)::integer AS total ${from}`,
      params,
    );
    const list = inboxListOf(organisationId, owner, opts);
    let page = numbered.page;
    let after = '';
    const pageParams = [...params];
    if (opts.cursor === undefined) {
      pageParams.push(offset);
      after = `OFFSET $${pageParams.length}`;
    } else {
      const cursor = decodeCursor(opts.cursor);
      const problem = inboxCursorProblem(organisationId, owner, opts, opts.cursor);
      if (problem || 'invalid' in cursor)
        throw new PersistenceError('INVALID_CURSOR', problem ?? '');
      page = cursor.page;
      pageParams.push(cursor.after[0], cursor.after[1]);
      where.push(
        `(n.created_at, n.id) < ($${pageParams.length - 1}::timestamptz, $${pageParams.length}::text)`,
      );
    }
    pageParams.push(pageSize + 1);
    const rows = await this.ds.query<InboxRow[]>(
      `SELECT n.*, r.read_at, r.read_by
       FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.id
       WHERE ${where.join(' AND ')}
       ORDER BY n.created_at DESC, n.id DESC
       LIMIT $${pageParams.length} ${after}`,
      pageParams,
    );
    return {
      items: rows.slice(0, pageSize).map(toInboxNotification),
      total: counted[0]?.total ?? 0,
      page,
      pageSize,
      nextCursor: nextCursorOf(rows, pageSize, list, page, (r) => [
        r.created_at.toISOString(),
        r.id,
      ]),
    };
  }

  /**
   * Marks notifications read by `by`. Idempotent: a notification already read keeps its first
   * read and is not counted again. Ids of another organisation's notifications (or, with `onlyOf`,
   * of another inbox) are ignored.
   */
  async markRead(
    organisationId: string,
    ids: string[],
    by: string,
    /** Only this inbox's notifications: an officer marks none but their own. */
    onlyOf?: InboxOwner,
  ): Promise<{ marked: number }> {
    if (ids.length === 0) return { marked: 0 };
    const params: unknown[] = [organisationId, ids, by];
    let inbox = '';
    if (onlyOf) {
      params.push(onlyOf.role);
      inbox = ` AND n.recipient_role = $${params.length}`;
      if (onlyOf.role === 'officer') {
        params.push(onlyOf.id);
        inbox += ` AND n.recipient_id = $${params.length}`;
      }
    }
    const rows = await this.ds.query<unknown[]>(
      `INSERT INTO notification_reads (notification_id, read_at, read_by)
       SELECT n.id, now(), $3 FROM notifications n
       WHERE n.organisation_id = $1 AND n.id = ANY($2::text[])${inbox}
       ON CONFLICT (notification_id) DO NOTHING
       RETURNING notification_id`,
      params,
    );
    return { marked: rows.length };
  }
}

/** What makes an inbox list the list it is, for its cursors. */
function inboxListOf(organisationId: string, owner: InboxOwner, opts: InboxOptions): string {
  return listFingerprint({ organisationId, owner, unreadOnly: opts.unreadOnly === true });
}

/** Why a cursor cannot be read against this inbox list, if it cannot. */
export function inboxCursorProblem(
  organisationId: string,
  owner: InboxOwner,
  opts: InboxOptions,
  cursor: string,
): string | undefined {
  const decoded = decodeCursor(cursor);
  if ('invalid' in decoded) return decoded.invalid;
  if (decoded.list !== inboxListOf(organisationId, owner, opts) || decoded.after.length !== 2) {
    return 'this cursor belongs to another inbox list: keep the inbox and unread of the page it came with';
  }
  return undefined;
}

function toInboxNotification(r: InboxRow): InboxNotification {
  const recipient: Recipient =
    r.recipient_role === 'officer' && r.recipient_id !== null
      ? { role: 'officer', id: r.recipient_id }
      : { role: 'manager', organisationId: r.organisation_id };
  return {
    id: r.id,
    caseId: r.case_id,
    organisationId: r.organisation_id,
    seq: r.seq,
    kind: r.kind,
    recipient,
    subject: r.subject,
    dueDate: r.due_date,
    message: r.message,
    createdAt: r.created_at.toISOString(),
    read: r.read_at !== null,
    readAt: r.read_at?.toISOString() ?? null,
    readBy: r.read_by,
  };
}
