import { attentionNotification } from '@banso/domain';
import type { DataSource } from 'typeorm';
import type { CaseIncident, IncidentReporter } from '@banso/workflows/activities/case-activities';
import { notificationRow } from '../projections/notification.projection';
import { insertNotifications } from '../projections/read-model-writer';

/**
 * Makes a failure that retrying cannot fix visible: the incident is kept, the case's summary is
 * flagged `needsAttention` (the managers' work list), and the managers get a notification. Once
 * per incident id, however often it is reported.
 */
export class PostgresIncidentReporter implements IncidentReporter {
  constructor(private readonly ds: DataSource) {}

  async report(incident: CaseIncident): Promise<void> {
    const { organisationId, caseId, incidentId } = incident;
    await this.ds.transaction(async (m) => {
      const inserted = await m.query<unknown[]>(
        `INSERT INTO case_incidents
           (incident_id, organisation_id, case_id, code, message, during, raised_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (incident_id) DO NOTHING RETURNING incident_id`,
        [
          incidentId,
          organisationId,
          caseId,
          incident.code,
          incident.message,
          incident.during,
          incident.at,
        ],
      );
      if (inserted.length === 0) return;
      const [summary] = await m.query<Array<{ version: number }>>(
        `WITH flagged AS (
           UPDATE case_summaries SET needs_attention = true
           WHERE organisation_id = $1 AND case_id = $2 RETURNING version
         )
         SELECT version FROM flagged`,
        [organisationId, caseId],
      );
      const notice = attentionNotification({ ...incident, seq: summary?.version ?? 0 });
      await insertNotifications(m, [notificationRow(notice)]);
    });
  }
}
