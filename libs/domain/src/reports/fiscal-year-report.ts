import { compareDates, type IsoDate } from '../calendar/dates';
import type { CaseEvent } from '../case/events';
import type { CaseKind } from '../policy/policy';
import { type CaseFacts, caseFactsOf } from './case-facts';
import { fiscalYearBounds, type FiscalYearBounds, fiscalYearLabel, isWithin } from './fiscal-years';
import {
  type KindCounts,
  REPORT_ROW_KEYS,
  type ReportRowKey,
  rowLabel,
  rowsOf,
  zeroCounts,
} from './report-rows';

/** A yearly target of the organisation's plan: all kinds (`kind: null`) or one kind's row. */
export interface ReportTarget {
  key: ReportRowKey;
  kind: CaseKind | null;
  target: number;
}

export interface FiscalYearReportOptions {
  /** The rise that counts as growth, as a share (Rumoi 0.03, Kawaguchi 0.05): see growthShareOf. */
  growthShare: number;
  targets?: readonly ReportTarget[];
}

export interface FiscalYearReportRow {
  key: ReportRowKey;
  kind: CaseKind | null;
  /** 事業計画策定事業者数, or of one kind: 事業計画策定事業者数（創業） */
  label: string;
  actual: number;
  target: number | null;
  /** actual / target to three places (0.875 is 87.5 %); null without a target, or a target of 0. */
  ratio: number | null;
}

export interface FiscalYearReport extends FiscalYearBounds {
  fiscalYear: number;
  /** 2026年度（令和8年度） */
  label: string;
  labels: { western: string; japanese: string };
  rows: FiscalYearReportRow[];
}

/**
 * A fiscal year's figures against the plan's targets, from each case's events (in seq order),
 * every row counted by the date the thing happened.
 */
export function fiscalYearReport(
  year: number,
  cases: Iterable<readonly CaseEvent[]>,
  options: FiscalYearReportOptions,
): FiscalYearReport {
  const bounds = fiscalYearBounds(year);
  const counts = Object.fromEntries(REPORT_ROW_KEYS.map((k) => [k, zeroCounts()])) as Record<
    ReportRowKey,
    KindCounts
  >;
  for (const events of cases) {
    const facts = caseFactsOf(events, options.growthShare);
    if (!facts) continue;
    const row = countsOf(facts, bounds);
    for (const key of REPORT_ROW_KEYS) counts[key][facts.kind] += row[key];
  }
  return fiscalYearReportOf(year, counts, options.targets);
}

/**
 * The report from its counts, each row's per kind (what fiscalYearReport counts from the cases'
 * logs, or the report's read model counts in the database), against the plan's targets.
 */
export function fiscalYearReportOf(
  year: number,
  counts: Record<ReportRowKey, KindCounts>,
  targets: readonly ReportTarget[] = [],
): FiscalYearReport {
  const bounds = fiscalYearBounds(year);
  const byRow = new Map(targets.map((t) => [slot(t.key, t.kind), t.target]));
  const { western, japanese, full } = fiscalYearLabel(year);
  return {
    fiscalYear: year,
    ...bounds,
    label: full,
    labels: { western, japanese },
    rows: rowsOf(REPORT_ROW_KEYS, counts, (key, kind, actual) => {
      const target = byRow.get(slot(key, kind)) ?? null;
      return {
        key,
        kind,
        label: rowLabel(key, kind),
        actual,
        target,
        ratio: ratioOf(actual, target),
      };
    }),
  };
}

/** What one case adds to each row of the year. */
function countsOf(facts: CaseFacts, year: FiscalYearBounds): Record<ReportRowKey, number> {
  const inYear = (dates: readonly IsoDate[]) => dates.filter((d) => isWithin(d, year)).length;
  const once = (yes: boolean) => (yes ? 1 : 0);
  return {
    analyses: inYear(facts.analysedOn),
    plansDrafted: once(inYear(facts.draftedOn) > 0),
    followedUpBusinesses: once(inFollowUpDuring(facts, year)),
    followUpVisits: inYear(facts.visitedOn),
    grownBusinesses: once(
      facts.statements.some((s) => s.growth.length > 0 && isWithin(s.receivedOn, year)),
    ),
    expertDispatches: inYear(facts.dispatchRequestedOn),
  };
}

/**
 * A plan in follow-up at some time in the year: approved by its last day and not closed before
 * its first. A plan approved in March counts in that year though its first visit falls in April
 * (Kanazawa 000 l.663–671), and in the next year too while it is still followed up.
 */
function inFollowUpDuring(facts: CaseFacts, year: FiscalYearBounds): boolean {
  if (facts.approvedOn === undefined || compareDates(facts.approvedOn, year.to) > 0) return false;
  return facts.closedOn === undefined || compareDates(facts.closedOn, year.from) >= 0;
}

const slot = (key: ReportRowKey, kind: CaseKind | null) => `${key}/${kind ?? '*'}`;

function ratioOf(actual: number, target: number | null): number | null {
  if (target === null || target === 0) return null;
  return Math.round((actual / target) * 1000) / 1000;
}
