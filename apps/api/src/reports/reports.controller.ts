import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access';
import { CurrentUser } from '../auth/current-user';
import type { Principal } from '../auth/principal';
import { csvText, sendCsv } from '../http/csv';
import { parseOr400 } from '../http/zod-body';
import { ApiAnswer, ApiErrors, ApiJsonBody, ApiZodQuery } from '../openapi/zod-openapi';
import {
  fiscalYearForecastSchema,
  fiscalYearReportSchema,
  putTargetsSchema,
  reportFormatQuerySchema,
  reportTargetsSchema,
} from './report.schemas';
import { ReportsService } from './reports.service';

const percent = (ratio: number | null) => (ratio === null ? '' : `${(ratio * 100).toFixed(1)}%`);

@ApiTags('reports')
@Controller('organisations/:orgId/reports/fiscal-years/:year')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @ApiOperation({
    operationId: 'getFiscalYearReport',
    summary: 'The fiscal year’s figures against its targets (事業評価の実績), from the event log',
    description:
      'Each row counts by the date things happened: analyses by the analysis date, plans by the ' +
      'drafting date, visits by the visit date (延べ回数); businesses followed up are those with a ' +
      'plan in follow-up during the year (a plan approved in March counts that year even if its ' +
      'first visit is in April); grown businesses are those whose statements received in the year ' +
      'show sales or operating profit up by the policy’s growthShare, or reaching the plan’s ' +
      'target. Every row has its all-kinds line (kind null) and one per kind.',
  })
  @ApiZodQuery(reportFormatQuerySchema)
  @ApiAnswer(200, fiscalYearReportSchema, 'The rows, each with actual, target and ratio', {
    csv: '年度, 項目, 実績, 目標, 達成率, key, kind',
  })
  @Access('manager')
  @ApiErrors('ORGANISATION_NOT_FOUND', 'DATABASE_UNAVAILABLE')
  async report(
    @Param('orgId') orgId: string,
    @Param('year') year: string,
    @Query() query: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { format } = parseOr400(reportFormatQuerySchema, query, 'query');
    const report = await this.reports.report(orgId, Number(year));
    if (format !== 'csv') return report;
    const rows = report.rows.map((r) => [
      report.label,
      r.label,
      r.actual,
      r.target ?? '',
      percent(r.ratio),
      r.key,
      r.kind ?? 'all',
    ]);
    return sendCsv(
      res,
      `${orgId}-report-${year}.csv`,
      csvText(['年度', '項目', '実績', '目標', '達成率', 'key', 'kind'], rows),
    );
  }

  @Get('forecast')
  @ApiOperation({
    operationId: 'getFiscalYearForecast',
    summary: 'The follow-ups the open cases’ schedules put in a fiscal year not yet ended',
    description:
      'From each case’s own grid, cadence and plan end, from today (a pending due date in the ' +
      'year counts too); drifting cases at their current cadence. Cases not yet in follow-up have ' +
      'no schedule and are not counted. What next year’s target table is written from.',
  })
  @ApiZodQuery(reportFormatQuerySchema)
  @ApiAnswer(200, fiscalYearForecastSchema, 'The rows with their forecast', {
    csv: '年度, 項目, 見込み, key, kind',
  })
  @Access('manager')
  @ApiErrors('ORGANISATION_NOT_FOUND', 'FISCAL_YEAR_ENDED', 'DATABASE_UNAVAILABLE')
  async forecast(
    @Param('orgId') orgId: string,
    @Param('year') year: string,
    @Query() query: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { format } = parseOr400(reportFormatQuerySchema, query, 'query');
    const forecast = await this.reports.forecast(orgId, Number(year));
    if (format !== 'csv') return forecast;
    const rows = forecast.rows.map((r) => [
      forecast.label,
      r.label,
      r.forecast,
      r.key,
      r.kind ?? 'all',
    ]);
    return sendCsv(
      res,
      `${orgId}-forecast-${year}.csv`,
      csvText(['年度', '項目', '見込み', 'key', 'kind'], rows),
    );
  }

  @Get('targets')
  @ApiOperation({ operationId: 'getReportTargets', summary: 'The targets entered for the year' })
  @ApiAnswer(200, reportTargetsSchema, 'The year’s targets')
  @Access('manager')
  @ApiErrors('ORGANISATION_NOT_FOUND', 'DATABASE_UNAVAILABLE')
  targets(@Param('orgId') orgId: string, @Param('year') year: string) {
    return this.reports.targets(orgId, Number(year));
  }

  @Put('targets')
  @ApiOperation({
    operationId: 'putReportTargets',
    summary: 'Enter the year’s targets (the plan’s 目標値): the list replaces the year’s',
    description: 'Idempotent: the same list sent again leaves the same targets.',
  })
  @ApiJsonBody(putTargetsSchema)
  @ApiAnswer(200, reportTargetsSchema, 'The year’s targets now')
  @Access('manager')
  @ApiErrors('ORGANISATION_NOT_FOUND', 'DATABASE_UNAVAILABLE')
  putTargets(
    @Param('orgId') orgId: string,
    @Param('year') year: string,
    @Body() body: unknown,
    @CurrentUser() user: Principal,
  ) {
    const { targets } = parseOr400(putTargetsSchema, body, 'body');
    return this.reports.replaceTargets(orgId, Number(year), targets, user.userId);
  }
}
