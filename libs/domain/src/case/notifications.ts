import type { DispatchProgramme } from './commands';
import type { CaseEvent, NoticeSubject, Recipient } from './events';

export const NOTIFICATION_KINDS = [
  'reminder',
  'escalation',
  'escalationAnswered',
  'dispatchRequested',
  'dispatchProposed',
  'assigned',
  'caseClosed',
  'attention',
] as const;

/** Something a person must be told about a case: a reminder, an escalation, a new duty. */
export interface Notification {
  /** Stable per event and recipient, so a delivery that runs twice delivers once. */
  id: string;
  caseId: string;
  organisationId: string;
  seq: number;
  kind: (typeof NOTIFICATION_KINDS)[number];
  recipient: Recipient;
  subject: NoticeSubject | 'dispatch' | 'case';
  dueDate?: string;
  /** Japanese first: the officers and managers read it as it is. */
  message: string;
  at: string;
}

const PROGRAMME_JA: Record<DispatchProgramme, string> = {
  yorozuSupportCentre: 'よろず支援拠点',
  genkiAssistShort: '元気アシストプログラム（短期）',
  genkiAssistLong: '元気アシストプログラム（長期）',
  successionSupportCentre: '事業承継・引継ぎ支援センター',
  expertDispatchScheme: '専門家派遣制度',
  jfcFinancingReferral: '日本政策金融公庫への融資紹介',
};

const SUBJECT_JA: Record<NoticeSubject, string> = {
  analysis: '経営状況の分析',
  plan: '事業計画の策定',
  followUp: 'フォローアップ',
};

export function notificationsOf(event: CaseEvent): Notification[] {
  const base = {
    caseId: event.caseId,
    organisationId: event.organisationId,
    seq: event.seq,
    at: event.at,
  };
  const id = (r: Recipient) =>
    `${event.organisationId}/${event.caseId}:${event.seq}:${r.role === 'officer' ? r.id : `managers@${r.organisationId}`}`;
  const managers: Recipient = { role: 'manager', organisationId: event.organisationId };
  switch (event.type) {
    case 'ReminderSent': {
      const { subject, dueDate, recipient } = event.data;
      return [
        {
          ...base,
          id: id(recipient),
          kind: 'reminder',
          recipient,
          subject,
          dueDate,
          message: `${SUBJECT_JA[subject]}の期限が近づいています（期限: ${dueDate}）`,
        },
      ];
    }
    case 'EscalationRaised': {
      const { subject, dueDate, recipient } = event.data;
      return [
        {
          ...base,
          id: id(recipient),
          kind: 'escalation',
          recipient,
          subject,
          dueDate,
          message: `${SUBJECT_JA[subject]}が期限（${dueDate}）を過ぎています。対応を確認してください`,
        },
      ];
    }
    case 'ExpertDispatchRequested': {
      const { driftingKpis, programme } = event.data;
      const via = programme ? `（${PROGRAMME_JA[programme]}）` : '';
      return [
        {
          ...base,
          id: id(managers),
          kind: 'dispatchRequested',
          recipient: managers,
          subject: 'dispatch',
          message:
            driftingKpis.length > 0
              ? `計画と実績の乖離により専門家派遣が必要です${via}（対象KPI: ${driftingKpis.join(', ')}）`
              : `専門家派遣を依頼しました${via}`,
        },
      ];
    }
    case 'ExpertDispatchProposed':
      return [
        {
          ...base,
          id: id(managers),
          kind: 'dispatchProposed',
          recipient: managers,
          subject: 'dispatch',
          message: `計画と実績の乖離があります。専門家派遣の要否を判断してください（対象KPI: ${event.data.driftingKpis.join(', ')}）`,
        },
      ];
    case 'FollowUpRecorded': {
      // A visit entered after its period was escalated, made within the grace: the managers who
      // were told it was missed are told it was met.
      if (!event.data.answersMissed) return [];
      return [
        {
          ...base,
          id: id(managers),
          kind: 'escalationAnswered',
          recipient: managers,
          subject: 'followUp',
          dueDate: event.data.dueDate,
          message: `期限（${event.data.dueDate}）のフォローアップは${event.data.visitedOn}に実施済みでした（遅れて記録）`,
        },
      ];
    }
    case 'CaseClosed': {
      // Only the engine's own close needs telling: whoever closed a case by hand knows.
      if (event.actor.role !== 'system') return [];
      return [
        {
          ...base,
          id: id(managers),
          kind: 'caseClosed',
          recipient: managers,
          subject: 'case',
          message: `計画期間の終了（${event.data.closedOn}）により支援案件を終了しました`,
        },
      ];
    }
    case 'OfficerReassigned': {
      const recipient: Recipient = { role: 'officer', id: event.data.toOfficerId };
      return [
        {
          ...base,
          id: id(recipient),
          kind: 'assigned',
          recipient,
          subject: 'case',
          message: '支援案件の担当になりました',
        },
      ];
    }
    default:
      return [];
  }
}

/**
 * The managers' notice that a case could not record what happened to it, for a reason retrying
 * will not fix: someone must look at it. Keyed on the incident, so reporting twice tells once.
 */
export function attentionNotification(incident: {
  organisationId: string;
  caseId: string;
  incidentId: string;
  code: string;
  /** The case's version when it happened. */
  seq: number;
  at: string;
}): Notification {
  const recipient: Recipient = { role: 'manager', organisationId: incident.organisationId };
  return {
    id: `${incident.organisationId}/${incident.caseId}:incident:${incident.incidentId}`,
    caseId: incident.caseId,
    organisationId: incident.organisationId,
    seq: incident.seq,
    kind: 'attention',
    recipient,
    subject: 'case',
    message: `支援案件の記録ができませんでした（${incident.code}）。システム管理者と確認してください`,
    at: incident.at,
  };
}
