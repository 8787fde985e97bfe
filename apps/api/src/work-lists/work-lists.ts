/**
 * The lists a manager (or an officer, for their own cases) works from each day: each is a filter
 * of the case list, so its count is the length of the list its `query` opens (DOMAIN.md:
 * reminders and escalations a chamber wants).
 */
export const WORK_LISTS = [
  {
    key: 'followUpsOverdue',
    label: 'フォローアップ期限超過',
    query: { stage: 'followUp', overdue: 'true' },
  },
  {
    key: 'followUpsDueThisMonth',
    label: '今月のフォローアップ予定',
    query: { stage: 'followUp', dueFrom: '{monthStart}', dueTo: '{monthEnd}' },
  },
  { key: 'drifting', label: '計画との乖離', query: { stage: 'followUp', drifting: 'true' } },
  {
    key: 'dispatchesProposed',
    label: '専門家派遣の提案（判断待ち）',
    query: { dispatchProposed: 'true' },
  },
  { key: 'dispatchesOpen', label: '専門家派遣中', query: { openDispatch: 'true' } },
  {
    key: 'analysesOverdue',
    label: '経営分析の期限超過',
    query: { stage: 'analysis', overdue: 'true' },
  },
  {
    key: 'plansOverdue',
    label: '事業計画策定の期限超過',
    query: { stage: 'planning', overdue: 'true' },
  },
  { key: 'needsAttention', label: '要対応（処理の停止）', query: { needsAttention: 'true' } },
] as const;

export type WorkListKey = (typeof WORK_LISTS)[number]['key'];

/** The list's query for this month, as the case list takes it. */
export function queryOf(
  list: (typeof WORK_LISTS)[number],
  month: { start: string; end: string },
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(list.query).map(([name, value]) => [
      name,
      value.replace('{monthStart}', month.start).replace('{monthEnd}', month.end),
    ]),
  );
}
