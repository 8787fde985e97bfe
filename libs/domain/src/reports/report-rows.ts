import { CASE_KINDS, type CaseKind } from '../policy/policy';

/** The rows managers report each fiscal year, in the order the plans list them. */
export const REPORT_ROW_KEYS = [
  'analyses',
  'plansDrafted',
  'followedUpBusinesses',
  'followUpVisits',
  'grownBusinesses',
  'expertDispatches',
] as const;
export type ReportRowKey = (typeof REPORT_ROW_KEYS)[number];

/** The rows a forecast gives: what the schedules put in the year. */
export const FORECAST_ROW_KEYS = ['followedUpBusinesses', 'followUpVisits'] as const;
export type ForecastRowKey = (typeof FORECAST_ROW_KEYS)[number];

/** The names the plans give the rows (経営発達支援計画の目標表). */
export const REPORT_ROW_LABELS: Record<ReportRowKey, string> = {
  analyses: '経営分析件数',
  plansDrafted: '事業計画策定事業者数',
  followedUpBusinesses: 'フォローアップ対象事業者数',
  followUpVisits: 'フォローアップ延べ回数',
  grownBusinesses: '売上高または営業利益が増加した事業者数',
  expertDispatches: '専門家派遣件数',
};

/** How the plans name the kinds in their split rows (Rumoi 001 l.472–474). */
export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  standard: '一般',
  founder: '創業',
  succession: '事業承継',
};

/** A row of all kinds (`kind: null`), or of one kind: 事業計画策定事業者数（創業）. */
export function rowLabel(key: ReportRowKey, kind: CaseKind | null): string {
  const name = REPORT_ROW_LABELS[key];
  return kind === null ? name : `${name}（${CASE_KIND_LABELS[kind]}）`;
}

/** Counts per kind; the all-kinds row is their sum. */
export type KindCounts = Record<CaseKind, number>;

export function zeroCounts(): KindCounts {
  return Object.fromEntries(CASE_KINDS.map((k) => [k, 0])) as KindCounts;
}

/** Each row key's all-kinds row, then one per kind, with what `cell` says of its count. */
export function rowsOf<K extends ReportRowKey, R>(
  keys: readonly K[],
  counts: Record<K, KindCounts>,
  cell: (key: K, kind: CaseKind | null, count: number) => R,
): R[] {
  return keys.flatMap((key) => {
    const byKind = counts[key];
    const all = CASE_KINDS.reduce((sum, kind) => sum + byKind[kind], 0);
    return [cell(key, null, all), ...CASE_KINDS.map((kind) => cell(key, kind, byKind[kind]))];
  });
}
