import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@banso/domain';
import { CurrentActor } from '../http/actor.decorator';
import { parseOr400 } from '../http/zod-body';
import { ApiJsonBody, ApiErrors } from '../openapi/zod-openapi';
import { createOrganisationSchema, publishPolicySchema } from './organisation.schemas';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly service: OrganisationsService) {}

  @Post()
  @ApiOperation({
    summary: 'Create an organisation (商工会議所・商工会) with its follow-up policy',
  })
  @ApiJsonBody(createOrganisationSchema)
  @ApiErrors(400, 409)
  async create(@Body() body: unknown, @CurrentActor() actor: Actor) {
    const { id, name, policy } = parseOr400(createOrganisationSchema, body, 'body');
    return this.service.create(id, name, policy, actor);
  }

  @Get(':orgId')
  @ApiOperation({ summary: 'An organisation and its current policy' })
  @ApiErrors(404)
  async get(@Param('orgId') orgId: string) {
    return this.service.get(orgId);
  }

  @Post(':orgId/policies')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Publish a new policy version',
    description:
      'Cases opened from now on use it; cases already open keep the policy they opened with.',
  })
  @ApiJsonBody(publishPolicySchema)
  @ApiErrors(400, 404)
  async publish(
    @Param('orgId') orgId: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ) {
    const { policy } = parseOr400(publishPolicySchema, body, 'body');
    return this.service.publish(orgId, policy, actor);
  }

  @Get(':orgId/policies')
  @ApiOperation({ summary: 'Every policy version the organisation has published' })
  @ApiErrors(404)
  async versions(@Param('orgId') orgId: string) {
    return this.service.versions(orgId);
  }
}
