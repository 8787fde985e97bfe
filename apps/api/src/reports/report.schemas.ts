import { z } from 'zod';
import {
  CASE_KINDS,
  FORECAST_ROW_KEYS,
  type FiscalYearForecast,
  type FiscalYearReport,
  REPORT_ROW_KEYS,
} from '@banso/domain';
import { count, isoDate } from '../openapi/domain-schemas';
import { apiSchema } from '../openapi/zod-openapi';

/** The Western year a fiscal year starts in: 2026 is 2026年度, 令和8年度 (April 2026 to March 2027). */
export const fiscalYearParamSchema = z
  .string()
  .regex(/^20\d\d$/, 'a fiscal year is the Western year it starts in, 2000–2099, e.g. 2026')
  .describe('The fiscal year by the Western year it starts in: 2026 = 2026年度 (令和8年度)');

export const reportFormatQuerySchema = z.object({
  format: z.enum(['json', 'csv']).optional().describe('json (the default) or csv, for Excel'),
});

const kind = z
  .enum(CASE_KINDS)
  .nullable()
  .describe('One kind of case, or null for all kinds together');

export const putTargetsSchema = z
  .object({
    targets: z
      .array(
        z.object({
          key: z.enum(REPORT_ROW_KEYS),
          kind,
          target: z.number().int().min(0).max(1_000_000),
        }),
      )
      .max(REPORT_ROW_KEYS.length * (CASE_KINDS.length + 1))
      .describe(
        'The year’s targets: every row listed replaces the year’s, a row left out has none',
      ),
  })
  .superRefine(({ targets }, ctx) => {
    const seen = new Set<string>();
    targets.forEach((t, i) => {
      const id = `${t.key}/${t.kind ?? 'all'}`;
      if (seen.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['targets', i],
          message: `${t.key} for ${t.kind ?? 'all kinds'} is given twice`,
        });
      }
      seen.add(id);
    });
  });

const yearFields = {
  fiscalYear: z.number().int(),
  label: z.string().describe('2026年度（令和8年度）'),
  labels: z.object({ western: z.string(), japanese: z.string() }),
  from: isoDate,
  to: isoDate,
};

export const fiscalYearReportSchema = apiSchema(
  'FiscalYearReport',
  z.object({
    ...yearFields,
    rows: z.array(
      z.object({
        key: z.enum(REPORT_ROW_KEYS),
        kind,
        label: z
          .string()
          .describe('The row as the plans name it, e.g. 事業計画策定事業者数（創業）'),
        actual: count,
        target: count.nullable(),
        ratio: z.number().min(0).nullable().describe('actual / target; null without a target'),
      }),
    ),
  }),
);

export const fiscalYearForecastSchema = apiSchema(
  'FiscalYearForecast',
  z.object({
    ...yearFields,
    today: isoDate.describe('The day the forecast counts from'),
    rows: z.array(
      z.object({
        key: z.enum(FORECAST_ROW_KEYS),
        kind,
        label: z.string(),
        forecast: count,
      }),
    ),
  }),
);

export const reportTargetsSchema = apiSchema(
  'ReportTargets',
  z.object({
    fiscalYear: z.number().int(),
    targets: z.array(z.object({ key: z.enum(REPORT_ROW_KEYS), kind, target: count })),
  }),
);

// The schemas document these types: each way round, so neither can change alone.
const _reportIn = (r: FiscalYearReport): z.output<typeof fiscalYearReportSchema> => r;
const _forecastIn = (f: FiscalYearForecast): z.output<typeof fiscalYearForecastSchema> => f;
