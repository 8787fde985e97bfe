import type { CaseEvent, CommandRecord, IsoDate } from '@banso/domain';
import type { DataSource } from 'typeorm';
import { CaseCommandEntity } from '../entities/case-command.entity';
import { CaseEventEntity } from '../entities/case-event.entity';
import { CaseSummaryEntity } from '../entities/case-summary.entity';
import type { CaseSummaryRow } from '../projections/case-summary.projection';
import { type CaseConditions, caseConditions, combined } from './case-conditions';
import { type Page, paging } from './paging';

/** A case in the lists, as plain JSON: the summary row without the folded state behind it. */
export type CaseSummary = Omit<CaseSummaryRow, 'state'>;

export type CaseSort = 'openedAt' | 'nextFollowUpDue' | 'firmName' | 'updatedAt';

export interface CaseListFilter extends CaseConditions {
  organisationId: string;
  sort?: CaseSort;
  order?: 'asc' | 'desc';
  /** 1-based, default 1. */
  page?: number;
  /** Default 20, at most 100. */
  pageSize?: number;
}

/** Cases counted by officer: what a manager balances the work with. */
export interface OfficerLoad {
  officerId: string;
  open: number;
  counts: Record<string, number>;
}

const SORT_COLUMNS: Record<CaseSort, string> = {
  openedAt: 's.openedAt',
  nextFollowUpDue: 's.nextFollowUpDue',
  firmName: 's.firmName',
  updatedAt: 's.updatedAt',
};

/** The read side of cases: lists and summaries from case_summaries, histories from case_events. */
export class CaseReadRepository {
  constructor(private readonly ds: DataSource) {}

  async listCases(filter: CaseListFilter): Promise<Page<CaseSummary>> {
    const { page, pageSize, offset } = paging(filter.page, filter.pageSize);
    const q = this.ds
      .getRepository(CaseSummaryEntity)
      .createQueryBuilder('s')
      .where('s.organisationId = :organisationId', { organisationId: filter.organisationId });
    for (const { sql, params } of caseConditions(filter)) q.andWhere(sql, params);

    const direction = filter.order === 'asc' ? 'ASC' : 'DESC';
    // Cases without a due date (not yet planned, closed) go last whichever way the list runs;
    // the case id breaks ties so pages never overlap or skip.
    q.orderBy(SORT_COLUMNS[filter.sort ?? 'openedAt'], direction, 'NULLS LAST')
      .addOrderBy('s.caseId', 'ASC')
      .skip(offset)
      .take(pageSize);
    const [rows, total] = await q.getManyAndCount();
    return { items: rows.map((r) => toCaseSummary(r, filter.today)), total, page, pageSize };
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
    const totals = await withCounts(base().select([])).getRawOne<Record<string, number>>();
    const rows = await withCounts(
      base()
        .select('s.officerId', 'officer_id')
        .addSelect(`count(*) FILTER (WHERE s.stage <> 'closed')::integer`, 'open')
        .groupBy('s.officerId')
        .orderBy('s.officerId'),
    ).getRawMany<Record<string, number | string>>();
    const countsOf = (row: Record<string, number | string> | undefined) =>
      Object.fromEntries(selects.map((s, i) => [s.key, Number(row?.[`c${i}`] ?? 0)]));
    return {
      counts: countsOf(totals),
      perOfficer: rows.map((row) => ({
        officerId: String(row.officer_id),
        open: Number(row.open),
        counts: countsOf(row),
      })),
    };
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
