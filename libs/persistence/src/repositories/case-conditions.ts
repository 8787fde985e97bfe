import type { CaseKind, IsoDate } from '@banso/domain';
import type { CaseStage } from '../projections/case-summary.projection';

/**
 * What a case list can be filtered by. Each filter is one SQL condition on case_summaries (alias
 * `s`, TypeORM property names), used both to list the cases and to count the work lists, so a
 * work list's count is always the length of the list it links to.
 */
export interface CaseConditions {
  stage?: CaseStage;
  kind?: CaseKind;
  officerId?: string;
  /**
   * true: a follow-up past its grace, or an analysis or a plan past its deadline (`today` decides);
   * false: neither.
   */
  overdue?: boolean;
  drifting?: boolean;
  /** true: an expert dispatch is open; false: none is. */
  openDispatch?: boolean;
  /** true: drift has proposed an expert dispatch that no one has decided yet. */
  dispatchProposed?: boolean;
  /** true: a failure retrying cannot fix is open on the case (case_incidents). */
  needsAttention?: boolean;
  /** The start year of the fiscal year the case opened in (2025 = 令和7年度). */
  fiscalYear?: number;
  /** The next follow-up is due on or after this date … */
  dueFrom?: IsoDate;
  /** … and on or before this one. */
  dueTo?: IsoDate;
  /** Today in the organisation's time zone: what a step's deadline is compared with. */
  today?: IsoDate;
}

export interface Condition {
  sql: string;
  params: Record<string, unknown>;
}

const LATE = '(s.overdue OR (s.deadlineOn IS NOT NULL AND s.deadlineOn < :today))';

/**
 * The next follow-up's due date, a case without one (not yet planned, closed) sorting after every
 * date: ascending, it is `infinity`; descending, `-infinity` (migration 1795390000008 indexes
 * both). A range of due dates is a range of one of them, which leaves the undated out as the
 * plain column would: dueFrom on the second, dueTo on the first.
 */
export const DUE_OR_NEVER = "COALESCE(s.next_follow_up_due, CAST('infinity' AS date))";
export const DUE_OR_EVER = "COALESCE(s.next_follow_up_due, CAST('-infinity' AS date))";

const flag = (on: boolean, sql: string): string => (on ? sql : `NOT ${sql}`);

/** The conditions the filters given make, ANDed by the caller. */
export function caseConditions(f: CaseConditions): Condition[] {
  const c: Condition[] = [];
  if (f.stage !== undefined) c.push({ sql: 's.stage = :stage', params: { stage: f.stage } });
  if (f.kind !== undefined) c.push({ sql: 's.kind = :kind', params: { kind: f.kind } });
  if (f.officerId !== undefined)
    c.push({ sql: 's.officerId = :officerId', params: { officerId: f.officerId } });
  if (f.overdue !== undefined)
    c.push({ sql: flag(f.overdue, LATE), params: { today: f.today ?? '-infinity' } });
  if (f.drifting !== undefined)
    c.push({ sql: 's.drifting = :drifting', params: { drifting: f.drifting } });
  if (f.openDispatch !== undefined)
    c.push({ sql: flag(f.openDispatch, '(s.openDispatchId IS NOT NULL)'), params: {} });
  if (f.dispatchProposed !== undefined)
    c.push({ sql: flag(f.dispatchProposed, '(s.openProposalId IS NOT NULL)'), params: {} });
  if (f.needsAttention !== undefined)
    c.push({
      sql: 's.needsAttention = :needsAttention',
      params: { needsAttention: f.needsAttention },
    });
  if (f.fiscalYear !== undefined)
    c.push({ sql: 's.fiscalYear = :fiscalYear', params: { fiscalYear: f.fiscalYear } });
  if (f.dueFrom !== undefined)
    c.push({ sql: `${DUE_OR_EVER} >= :dueFrom`, params: { dueFrom: f.dueFrom } });
  if (f.dueTo !== undefined)
    c.push({ sql: `${DUE_OR_NEVER} <= :dueTo`, params: { dueTo: f.dueTo } });
  return c;
}

/**
 * One condition for a whole filter, its parameters renamed with `prefix` so several can sit in one
 * query (a count per work list, side by side).
 */
export function combined(f: CaseConditions, prefix: string): Condition {
  const parts = caseConditions(f);
  if (parts.length === 0) return { sql: 'TRUE', params: {} };
  const params: Record<string, unknown> = {};
  const sql = parts
    .map((part) => {
      let text = part.sql;
      for (const [name, value] of Object.entries(part.params)) {
        params[`${prefix}_${name}`] = value;
        text = text.replaceAll(`:${name}`, `:${prefix}_${name}`);
      }
      return text;
    })
    .join(' AND ');
  return { sql: `(${sql})`, params };
}
