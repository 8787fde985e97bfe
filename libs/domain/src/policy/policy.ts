import { IANAZone } from 'luxon';
import { z } from 'zod';

/** How a follow-up or a contact is made: in person at the firm or the chamber, online, by phone or e-mail. */
export const CONTACT_METHODS = ['visit', 'desk', 'online', 'phone', 'email'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** What counts as a follow-up where a policy does not say (policies from before it could). */
export const DEFAULT_FOLLOW_UP_METHODS: readonly ContactMethod[] = [
  'visit',
  'desk',
  'online',
  'phone',
];

export const CASE_KINDS = ['standard', 'founder', 'succession'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const caseKindSchema = z.enum(CASE_KINDS);

const months = z.number().int().min(1).max(24);
const perKind = z.object({ standard: months, founder: months, succession: months });

/**
 * An organisation's follow-up rules. Snapshotted into each case when it opens, so a later policy
 * version never changes a case already running.
 */
export const policyFieldsSchema = z.object({
  version: z.number().int().min(1),
  /** Months between follow-ups, per case kind (DOMAIN.md: quarterly, founders monthly). */
  cadenceMonths: perKind,
  /** Months between follow-ups while a case drifts from its plan. */
  driftingCadenceMonths: perKind,
  /** Months between follow-ups once a case has stayed on track long enough. */
  relaxedCadenceMonths: perKind,
  /**
   * The methods that count as a follow-up (Iwaki: face to face only, visit or desk, 003 l.410);
   * anything else is recorded as a contact.
   */
  followUpMethods: z
    .array(z.enum(CONTACT_METHODS))
    .min(1)
    .max(CONTACT_METHODS.length)
    .refine((m) => new Set(m).size === m.length, 'name each method once')
    .optional()
    .describe('visit, desk, online and phone when left out'),
  /**
   * On-track follow-ups in a row after which the relaxed cadence applies; 0 (the default) never
   * relaxes: the plans promise their visit counts, and relaxing is a chamber's own choice.
   */
  relaxAfterOnTrackFollowUps: z.number().int().min(0).max(24),
  /**
   * A KPI drifts when it falls short of its expected value by more than this share of that value
   * (0.1 = 10 %), or (rules 2) by more than `driftChangeShare` of the change, whichever is more.
   */
  driftThreshold: z.number().gt(0).max(1),
  /**
   * Rules 2: how much of the change the plan expects over the current stretch (to its next
   * target) a KPI may fall behind before it drifts. A count that starts at 0 does not drift with
   * nothing to show at its first follow-up: 0 hires at month 3 of a 0 → 2 year is on track.
   */
  driftChangeShare: z.number().gt(0).max(1).optional().describe('0.5 when left out'),
  /**
   * What drift does once it has lasted `dispatchAfterDriftingFollowUps`: `propose` an expert
   * dispatch for the officer or a manager to confirm or decline with a reason (the default: the
   * plans leave it to judgement, 看過できない, 大きな差), or `dispatch` one at once.
   */
  driftResponse: z
    .enum(['propose', 'dispatch'])
    .optional()
    .describe('New organisations propose; a policy from before these rules dispatched at once'),
  /** Drifting follow-ups in a row that bring in an expert (専門家派遣). */
  dispatchAfterDriftingFollowUps: z.number().int().min(1).max(12),
  /**
   * The rise in sales or operating profit, as a share of the previous statements', from which the
   * fiscal-year report counts a business as grown (Rumoi 0.03, 001 l.529; Kawaguchi 0.05,
   * 002 l.599).
   */
  growthShare: z.number().gt(0).max(1).optional().describe('0.03 when left out'),
  /** Days before a due date that the officer is reminded. */
  reminderLeadDays: z.number().int().min(0).max(60),
  /** Days past a due date before the manager is told. */
  overdueGraceDays: z.number().int().min(0).max(60),
  /** Days from opening to finish the analysis. */
  analysisDeadlineDays: z.number().int().min(1).max(365),
  /** Days from the analysis to an approved plan. */
  planDeadlineDays: z.number().int().min(1).max(365),
  fiscalYearStartMonth: z.number().int().min(1).max(12),
  /** An IANA time zone; "" is refused as empty, before it is looked up. */
  timeZone: z
    .string()
    .min(1, { error: 'must not be empty: name an IANA time zone, e.g. Asia/Tokyo', abort: true })
    .refine((zone) => IANAZone.isValidZone(zone), 'not an IANA time zone (e.g. Asia/Tokyo)')
    .describe('An IANA time zone, e.g. Asia/Tokyo'),
  /** Local hour at which reminders and escalations go out. */
  notifyHour: z.number().int().min(0).max(23),
  /** Due dates on weekends and Japanese national holidays move to the next business day. */
  businessDaysOnly: z.boolean(),
  /** With businessDaysOnly: also skip the year-end closure, 29 December to 3 January. */
  yearEndClosure: z.boolean(),
});

export const policySchema = policyFieldsSchema.superRefine((p, ctx) => {
  for (const kind of CASE_KINDS) {
    const shortest = Math.min(p.cadenceMonths[kind], p.driftingCadenceMonths[kind]);
    // A reminder or an escalation must land inside its own follow-up period, or periods overlap.
    if (p.reminderLeadDays >= shortest * 28) {
      ctx.addIssue({
        code: 'custom',
        path: ['reminderLeadDays'],
        message: `must be shorter than the ${kind} cadence of ${shortest} month(s)`,
      });
    }
    if (p.overdueGraceDays >= shortest * 28) {
      ctx.addIssue({
        code: 'custom',
        path: ['overdueGraceDays'],
        message: `must be shorter than the ${kind} cadence of ${shortest} month(s)`,
      });
    }
  }
});
export type Policy = z.infer<typeof policySchema>;

/**
 * What an organisation may set: any field but the version, which publishing assigns. The fields
 * added after the first policies are optional rather than defaulted here, so an override never
 * carries values its sender did not give (publishing `notifyHour` must not reset the methods).
 */
export const policyOverridesSchema = policyFieldsSchema.omit({ version: true }).partial().strict();
export type PolicyOverrides = z.infer<typeof policyOverridesSchema>;

/** What drift does under a policy (snapshots from before it could say dispatched at once). */
export function driftResponseOf(policy: Policy): 'propose' | 'dispatch' {
  return (policy as Partial<Policy>).driftResponse ?? 'dispatch';
}

/** The methods that count as a follow-up under a policy (snapshots from before it named them). */
export function followUpMethodsOf(policy: Policy): readonly ContactMethod[] {
  return (policy as Partial<Policy>).followUpMethods ?? DEFAULT_FOLLOW_UP_METHODS;
}

/** The growth the fiscal-year report counts under a policy (Rumoi's 3 % when it names none). */
export function growthShareOf(policy: Policy): number {
  return (policy as Partial<Policy>).growthShare ?? 0.03;
}

export const DEFAULT_POLICY: Policy = {
  version: 1,
  cadenceMonths: { standard: 3, founder: 1, succession: 3 },
  driftingCadenceMonths: { standard: 1, founder: 1, succession: 1 },
  relaxedCadenceMonths: { standard: 6, founder: 3, succession: 6 },
  followUpMethods: [...DEFAULT_FOLLOW_UP_METHODS],
  relaxAfterOnTrackFollowUps: 0,
  driftThreshold: 0.1,
  driftChangeShare: 0.5,
  driftResponse: 'propose',
  dispatchAfterDriftingFollowUps: 1,
  reminderLeadDays: 7,
  overdueGraceDays: 14,
  analysisDeadlineDays: 30,
  planDeadlineDays: 60,
  fiscalYearStartMonth: 4,
  timeZone: 'Asia/Tokyo',
  notifyHour: 9,
  businessDaysOnly: true,
  yearEndClosure: true,
};

/** A policy from defaults and overrides; throws a ZodError naming each bad field. */
export function makePolicy(overrides: Partial<Policy> = {}): Policy {
  return policySchema.parse({ ...DEFAULT_POLICY, ...overrides });
}
