import { Injectable } from '@nestjs/common';
import {
  fiscalYearForecastOf,
  fiscalYearReportOf,
  growthShareOf,
  localDate,
  type ReportTarget,
  toInstant,
} from '@banso/domain';
import { ReportRepository } from '@banso/persistence';
import { ApiError } from '../errors/api-error';
import { OrganisationsService } from '../organisations/organisations.service';

/** The fiscal-year report, its targets and the forecast: functions of the log, read on demand. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly organisations: OrganisationsService,
  ) {}

  async report(organisationId: string, year: number) {
    const organisation = await this.organisations.get(organisationId);
    // Counted from the report's read model (case_report_facts): the counts fiscalYearReport makes
    // from every case's log, without reading it.
    const counts = await this.reports.yearCounts(
      organisationId,
      year,
      growthShareOf(organisation.policy),
    );
    return fiscalYearReportOf(year, counts, await this.reports.targets(organisationId, year));
  }

  async forecast(organisationId: string, year: number) {
    const organisation = await this.organisations.get(organisationId);
    const today = localDate(toInstant(Date.now()), organisation.policy.timeZone);
    // Counted from the forecast's read model (case_forecast_dues): the counts fiscalYearForecast
    // makes from every open case's state, without stepping their grids.
    const counts = await this.reports.forecastCounts(organisationId, year, today);
    const outcome = fiscalYearForecastOf(year, counts, { today });
    if (!outcome.ok) {
      throw new ApiError('FISCAL_YEAR_ENDED', outcome.error.message, {
        issues: [{ path: 'path.year', message: `ended on ${outcome.error.endedOn}` }],
      });
    }
    return outcome.forecast;
  }

  async targets(organisationId: string, year: number) {
    await this.organisations.get(organisationId);
    return { fiscalYear: year, targets: await this.reports.targets(organisationId, year) };
  }

  async replaceTargets(organisationId: string, year: number, targets: ReportTarget[], by: string) {
    await this.organisations.get(organisationId);
    await this.reports.replaceTargets(organisationId, year, targets, by);
    return this.targets(organisationId, year);
  }
}
