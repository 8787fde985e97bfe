import type { CaseEvent, CommandRecord, IsoDate } from '@banso/domain';
import type { DataSource } from 'typeorm';
import { CaseCommandEntity } from '../entities/case-command.entity';
import { CaseEventEntity } from '../entities/case-event.entity';
import { CaseSummaryEntity } from '../entities/case-summary.entity';
import type { CaseSummaryRow } from '../projections/case-summary.projection';
import { PersistenceError } from '../persistence.error';
import {
  type CaseConditions,
  caseConditions,
  combined,
  DUE_OR_EVER,
  DUE_OR_NEVER,
} from './case-conditions';
import {
  decodeCursor,
  type KeyValue,
  listFingerprint,
  nextCursorOf,
  type Page,
  paging,
} from './paging';

/** A case in the lists, as plain JSON: the summary row without the folded state behind it. */
export type CaseSummary = Omit<CaseSummaryRow, 'state'>;

export type CaseSort = 'openedAt' | 'nextFollowUpDue' | 'firmName' | 'updatedAt';

export interface CaseListFilter extends CaseConditions {
  organisationId: string;
  sort?: CaseSort;
  order?: 'asc' | 'desc';
  /** 1-based, default 1; read by offset. */
  page?: number;
  /** Default 20, at most 100. */
  pageSize?: number;
  /** A previous page's nextCursor: the page after it, read from the index (page is not used). */
  cursor?: string;
}

/** Cases counted by officer: what a manager balances the work with. */
export interface OfficerLoad {
  officerId: string;
  open: number;
  counts: Record<string, number>;
}

/**
 * Each sort's key, ascending and descending (the case id after it breaks ties, in the same
 * direction, so one index serves the list both ways), and a row's value of it for the cursor.
 */
const SORT_KEYS: Record<
  CaseSort,
  { asc: string; desc: string; of: (e: CaseSummaryEntity, desc: boolean) => KeyValue }
> = {
  openedAt: { asc: 's.opened_at', desc: 's.opened_at', of: (e) => e.openedAt.toISOString() },
  updatedAt: { asc: 's.updated_at', desc: 's.updated_at', of: (e) => e.updatedAt.toISOString() },
  firmName: { asc: 's.firm_name', desc: 's.firm_name', of: (e) => e.firmName },
  // Cases without a due date (not yet planned, closed) go last whichever way the list runs.
  nextFollowUpDue: {
    asc: DUE_OR_NEVER,
    desc: DUE_OR_EVER,
    of: (e, desc) => e.nextFollowUpDue ?? (desc ? '-infinity' : 'infinity'),
  },
};

/** What makes a case list the list it is, for its cursors: the filters and the order. */
function caseListOf(filter: CaseListFilter): string {
  const { organisationId, page: _p, pageSize: _s, cursor: _c, today: _t, ...list } = filter;
  return listFingerprint({ ...list, organisationId, sort: filter.sort ?? 'openedAt' });
}

/** Why a cursor cannot be read against this list (another list's, or not a cursor), if it cannot. */
export function caseCursorProblem(filter: CaseListFilter, cursor: string): string | undefined {
  const decoded = decodeCursor(cursor);
  if ('invalid' in decoded) return decoded.invalid;
  if (decoded.list !== caseListOf(filter) || decoded.after.length !== 2) {
    return 'this cursor belongs to another list: keep the filters, sort and order of the page it came with';
  }
  return undefined;
}

/** The read side of cases: lists and summaries from case_summaries, histories from case_events. */
export class CaseReadRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * One page of the cases that pass every filter, in index order: after a cursor (keyset), or at
   * an offset for a page number; with the count of all of them.
   */
  async listCases(filter: CaseListFilter): Promise<Page<CaseSummary>> {
    const { pageSize, offset, ...numbered } = paging(filter.page, filter.pageSize);
    const base = () => {
      const q = this.ds
        .getRepository(CaseSummaryEntity)
        .createQueryBuilder('s')
        .where('s.organisationId = :organisationId', { organisationId: filter.organisationId });
      for (const { sql, params } of caseConditions(filter)) q.andWhere(sql, params);
      return q;
    };
    const sort = filter.sort ?? 'openedAt';
    const desc = filter.order !== 'asc';
    const key = SORT_KEYS[sort][desc ? 'desc' : 'asc'];
    const direction = desc ? 'DESC' : 'ASC';
    const list = caseListOf(filter);

    // Every column the lists show: the folded state (the widest, TOASTed) stays in the table.
    const listed = this.ds
      .getMetadata(CaseSummaryEntity)
      .columns.filter((c) => c.propertyName !== 'state')
      .map((c) => `s.${c.propertyName}`);
    const q = base().select(listed);
    let page = numbered.page;
    if (filter.cursor === undefined) {
      q.offset(offset);
    } else {
      const problem = caseCursorProblem(filter, filter.cursor);
      const cursor = decodeCursor(filter.cursor);
      if (problem || 'invalid' in cursor)
        throw new PersistenceError('INVALID_CURSOR', problem ?? '');
      page = cursor.page;
      q.andWhere(`(${key}, s.case_id) ${desc ? '<' : '>'} (:afterKey, :afterId)`, {
        afterKey: cursor.after[0],
        afterId: cursor.after[1],
      });
    }
    const rows = await q
      .orderBy(key, direction)
      .addOrderBy('s.case_id', direction)
      .limit(pageSize + 1)
      .getMany();
    const counted = await base()
      .select('count(*)::integer', 'total')
      .getRawOne<{ total: number }>();
    return {
      items: rows.slice(0, pageSize).map((r) => toCaseSummary(r, filter.today)),
      total: counted?.total ?? 0,
      page,
      pageSize,
      nextCursor: nextCursorOf(rows, pageSize, list, page, (r) => [
        SORT_KEYS[sort].of(r, desc),
        r.caseId,
      ]),
    };
  }

  /**
   * How many cases each list holds, by the same conditions as the list itself; and, per officer,
   * their open cases and how many of them are on each list.
   */
  async countLists(
    organisationId: string,
    lists: Record<string, CaseConditions>,
    scope: CaseConditions = {},
  ): Promise<{ counts: Record<string, number>; perOfficer: OfficerLoad[] }> {
    const base = () => {
      const q = this.ds
        .getRepository(CaseSummaryEntity)
        .createQueryBuilder('s')
        .where('s.organisationId = :organisationId', { organisationId });
      for (const { sql, params } of caseConditions(scope)) q.andWhere(sql, params);
      return q;
    };
    const keys = Object.keys(lists);
    const selects = keys.map((key, i) => ({
      key,
      ...combined(lists[key] as CaseConditions, `l${i}`),
    }));
    const withCounts = (q: ReturnType<typeof base>) => {
      for (const [i, s] of selects.entries()) {
        q.addSelect(`count(*) FILTER (WHERE ${s.sql})::integer`, `c${i}`).setParameters(s.params);
      }
      return q;
    };
    // One scan, grouped by officer (an index-only scan of ix_case_summaries_work_lists): each list's
    // total is the sum of its officers' counts.
    const rows = await withCounts(
      base()
        .select('s.officerId', 'officer_id')
        .addSelect(`count(*) FILTER (WHERE s.stage <> 'closed')::integer`, 'open')
        .groupBy('s.officerId')
        .orderBy('s.officerId'),
    ).getRawMany<Record<string, number | string>>();
    const countsOf = (row: Record<string, number | string> | undefined) =>
      Object.fromEntries(selects.map((s, i) => [s.key, Number(row?.[`c${i}`] ?? 0)]));
    const perOfficer = rows.map((row) => ({
      officerId: String(row.officer_id),
      open: Number(row.open),
      counts: countsOf(row),
    }));
    const counts = Object.fromEntries(
      selects.map((s) => [s.key, perOfficer.reduce((n, o) => n + (o.counts[s.key] ?? 0), 0)]),
    );
    return { counts, perOfficer };
  }

  async getSummary(organisationId: string, caseId: string): Promise<CaseSummary | null> {
    const row = await this.ds
      .getRepository(CaseSummaryEntity)
      .findOneBy({ organisationId, caseId });
    return row ? toCaseSummary(row) : null;
  }

  /** The case's events as appended, in seq order; none when the case belongs to another organisation. */
  async eventsOf(organisationId: string, caseId: string): Promise<CaseEvent[]> {
    const rows = await this.ds.getRepository(CaseEventEntity).find({
      select: { event: true },
      where: { organisationId, caseId },
      order: { seq: 'ASC' },
    });
    return rows.map((r) => r.event);
  }

  /** The case's latest event of a type, if it has one. */
  async lastEventOf(
    organisationId: string,
    caseId: string,
    type: CaseEvent['type'],
  ): Promise<CaseEvent | undefined> {
    const rows = await this.ds.query<Array<{ event: CaseEvent }>>(
      `SELECT event FROM case_events
       WHERE organisation_id = $1 AND case_id = $2 AND type = $3 ORDER BY seq DESC LIMIT 1`,
      [organisationId, caseId, type],
    );
    return rows[0]?.event;
  }

  /** The events seqs from..to of a case: what one command caused. */
  async eventsBetween(
    organisationId: string,
    caseId: string,
    fromSeq: number,
    toSeq: number,
  ): Promise<CaseEvent[]> {
    const rows = await this.ds.query<Array<{ event: CaseEvent }>>(
      `SELECT event FROM case_events
       WHERE organisation_id = $1 AND case_id = $2 AND seq BETWEEN $3 AND $4 ORDER BY seq`,
      [organisationId, caseId, fromSeq, toSeq],
    );
    return rows.map((r) => r.event);
  }

  /** What a command id was bound to, when it has been done on the case. */
  async commandRecord(
    organisationId: string,
    caseId: string,
    commandId: string,
  ): Promise<CommandRecord | null> {
    const row = await this.ds
      .getRepository(CaseCommandEntity)
      .findOneBy({ organisationId, caseId, commandId });
    return row && toCommandRecord(row);
  }

  /** The command that opened the case: its binding is what a repeated open is compared with. */
  async openingOf(
    organisationId: string,
    caseId: string,
  ): Promise<(CommandRecord & { commandId: string }) | null> {
    const row = await this.ds
      .getRepository(CaseCommandEntity)
      .findOneBy({ organisationId, caseId, commandType: 'openCase' });
    return row && { ...toCommandRecord(row), commandId: row.commandId };
  }

  async countEvents(caseId?: string): Promise<number> {
    return this.ds.getRepository(CaseEventEntity).countBy(caseId === undefined ? {} : { caseId });
  }
}

/** A row as the lists show it: overdue too when the step's deadline is before `today`. */
export function toCaseSummary(e: CaseSummaryEntity, today?: IsoDate): CaseSummary {
  const pastDeadline = today !== undefined && e.deadlineOn !== null && e.deadlineOn < today;
  return {
    caseId: e.caseId,
    organisationId: e.organisationId,
    firmName: e.firmName,
    firm: e.firm,
    kind: e.kind,
    stage: e.stage,
    officerId: e.officerId,
    openedOn: e.openedOn,
    openedAt: e.openedAt.toISOString(),
    fiscalYear: e.fiscalYear,
    nextFollowUpDue: e.nextFollowUpDue,
    overdue: e.overdue || pastDeadline,
    deadlineOn: e.deadlineOn,
    drifting: e.drifting,
    openDispatchId: e.openDispatchId,
    openProposalId: e.openProposalId,
    lastFollowUpOn: e.lastFollowUpOn,
    followUps: e.followUps,
    planVersion: e.planVersion,
    closedOn: e.closedOn,
    closeReason: e.closeReason,
    version: e.version,
    updatedAt: e.updatedAt.toISOString(),
    needsAttention: e.needsAttention,
  };
}

function toCommandRecord(row: CaseCommandEntity): CommandRecord {
  return {
    type: row.commandType,
    bodyHash: row.bodyHash,
    firstSeq: row.firstSeq,
    lastSeq: row.lastSeq,
  };
}
