import { Injectable } from '@nestjs/common';
import {
  fiscalYearForecast,
  fiscalYearReport,
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
    const cases = [];
    for await (const events of this.reports.caseHistories(organisationId)) cases.push(events);
    return fiscalYearReport(year, cases, {
      growthShare: growthShareOf(organisation.policy),
      targets: await this.reports.targets(organisationId, year),
    });
  }

  async forecast(organisationId: string, year: number) {
    const organisation = await this.organisations.get(organisationId);
    const today = localDate(toInstant(Date.now()), organisation.policy.timeZone);
    const outcome = fiscalYearForecast(year, await this.reports.followUpStates(organisationId), {
      today,
    });
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
