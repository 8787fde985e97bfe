import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, PlatformAccess } from '../auth/access';
import { CurrentUser } from '../auth/current-user';
import type { Principal } from '../auth/principal';
import { parseOr400 } from '../http/zod-body';
import { ApiAnswer, ApiErrors, ApiJsonBody } from '../openapi/zod-openapi';
import {
  createOrganisationSchema,
  organisationSchema,
  policyVersionsSchema,
  publishPolicySchema,
} from './organisation.schemas';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly service: OrganisationsService) {}

  @Post()
  @ApiOperation({
    operationId: 'createOrganisation',
    summary: 'Create an organisation (商工会議所・商工会) with its follow-up policy',
    description:
      'The policy is the default with the overrides given; the whole of it must be valid ' +
      '(e.g. reminders shorter than the cadence).',
  })
  @ApiJsonBody(createOrganisationSchema)
  @ApiAnswer(201, organisationSchema, 'The organisation created, with policy version 1')
  @PlatformAccess()
  @ApiErrors('ORGANISATION_EXISTS', 'DATABASE_UNAVAILABLE')
  async create(@Body() body: unknown, @CurrentUser() user: Principal) {
    const { id, name, policy } = parseOr400(createOrganisationSchema, body, 'body');
    return this.service.create(id, name, policy, user.userId);
  }

  @Get(':orgId')
  @ApiOperation({
    operationId: 'getOrganisation',
    summary: 'An organisation and its current policy',
  })
  @ApiAnswer(200, organisationSchema, 'The organisation')
  @Access('officer', 'manager', 'administrator')
  @ApiErrors('ORGANISATION_NOT_FOUND', 'DATABASE_UNAVAILABLE')
  async get(@Param('orgId') orgId: string) {
    return this.service.get(orgId);
  }

  @Post(':orgId/policies')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'publishPolicy',
    summary: 'Publish a new policy version',
    description:
      'The current policy with the overrides given becomes the next version. Cases opened from ' +
      'now on use it; cases already open keep the policy they opened with.',
  })
  @ApiJsonBody(publishPolicySchema)
  @ApiAnswer(201, organisationSchema, 'The organisation with its new policy version')
  @Access('administrator')
  @ApiErrors('ORGANISATION_NOT_FOUND', 'DATABASE_UNAVAILABLE')
  async publish(
    @Param('orgId') orgId: string,
    @Body() body: unknown,
    @CurrentUser() user: Principal,
  ) {
    const { policy } = parseOr400(publishPolicySchema, body, 'body');
    return this.service.publish(orgId, policy, user.userId);
  }

  @Get(':orgId/policies')
  @ApiOperation({
    operationId: 'listPolicyVersions',
    summary: 'Every policy version the organisation has published',
  })
  @ApiAnswer(200, policyVersionsSchema, 'Every version, oldest first')
  @Access('officer', 'manager', 'administrator')
  @ApiErrors('ORGANISATION_NOT_FOUND', 'DATABASE_UNAVAILABLE')
  async versions(@Param('orgId') orgId: string) {
    return this.service.versions(orgId);
  }
}
