import { z } from 'zod';
import { count, isoDate } from '../openapi/domain-schemas';
import { apiSchema } from '../openapi/zod-openapi';
import { WORK_LISTS } from './work-lists';

const keys = WORK_LISTS.map((l) => l.key) as [string, ...string[]];

export const workListsSchema = apiSchema(
  'WorkLists',
  z.object({
    today: isoDate.describe('Today in the organisation’s time zone'),
    month: z
      .object({ start: isoDate, end: isoDate })
      .describe('This month, for the due-this-month list'),
    lists: z.array(
      z.object({
        key: z.enum(keys),
        label: z.string(),
        count,
        query: z
          .record(z.string(), z.string())
          .describe('The case list’s query for this list: GET …/cases?<query> lists its cases'),
      }),
    ),
    perOfficer: z
      .array(
        z.object({
          officerId: z.string(),
          name: z
            .string()
            .nullable()
            .describe('From the users; null for one signed in by JWT only'),
          open: count.describe('Cases not closed'),
          counts: z
            .record(z.enum(keys), count)
            .describe('How many of their cases are on each list'),
        }),
      )
      .describe('Cases per officer (an officer sees their own line only)'),
  }),
);
