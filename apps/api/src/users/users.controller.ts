import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access';
import { CurrentUser } from '../auth/current-user';
import type { Principal } from '../auth/principal';
import { idempotencyKeyOf } from '../http/idempotency-key';
import { parseOr400 } from '../http/zod-body';
import { ApiAnswer, ApiErrors, ApiIdempotencyKey, ApiJsonBody } from '../openapi/zod-openapi';
import {
  apiKeyInfoSchema,
  apiKeysSchema,
  createUserSchema,
  issuedKeySchema,
  issueKeySchema,
  signedInUserSchema,
  userSchema,
  usersSchema,
} from './user.schemas';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiOperation({ operationId: 'whoAmI', summary: 'Who the request is signed in as' })
  @ApiAnswer(200, signedInUserSchema, 'The signed-in user, their role and organisation')
  @Access('officer', 'manager', 'administrator')
  whoAmI(@CurrentUser() user: Principal) {
    const { keyId: _keyId, ...shown } = user;
    return shown;
  }

  @Post('organisations/:orgId/users')
  @ApiOperation({
    operationId: 'createUser',
    summary: 'Add a user to the organisation, with their role',
    description: 'The same request again answers the same user; another name or role is a 409.',
  })
  @ApiJsonBody(createUserSchema)
  @ApiAnswer(201, userSchema, 'The user')
  @Access('administrator')
  @ApiErrors('ORGANISATION_NOT_FOUND', 'USER_EXISTS', 'DATABASE_UNAVAILABLE')
  create(@Param('orgId') orgId: string, @Body() body: unknown, @CurrentUser() user: Principal) {
    return this.users.create(orgId, parseOr400(createUserSchema, body, 'body'), user.userId);
  }

  @Get('organisations/:orgId/users')
  @ApiOperation({ operationId: 'listUsers', summary: 'The users of the organisation, by id' })
  @ApiAnswer(200, usersSchema, 'Every user')
  @Access('manager', 'administrator')
  @ApiErrors('ORGANISATION_NOT_FOUND', 'DATABASE_UNAVAILABLE')
  list(@Param('orgId') orgId: string) {
    return this.users.list(orgId);
  }

  @Get('organisations/:orgId/users/:userId')
  @ApiOperation({ operationId: 'getUser', summary: 'One user' })
  @ApiAnswer(200, userSchema, 'The user')
  @Access('manager', 'administrator')
  @ApiErrors('ORGANISATION_NOT_FOUND', 'USER_NOT_FOUND', 'DATABASE_UNAVAILABLE')
  get(@Param('orgId') orgId: string, @Param('userId') userId: string) {
    return this.users.get(orgId, userId);
  }

  @Post('organisations/:orgId/users/:userId/api-keys')
  @ApiOperation({
    operationId: 'issueApiKey',
    summary: 'Issue an API key for the user: the answer holds the key, this once',
    description:
      'Only the key’s hash is kept. With an Idempotency-Key a retry issues no second key: it is ' +
      'answered 409 API_KEY_ALREADY_ISSUED naming the key issued first.',
  })
  @ApiIdempotencyKey()
  @ApiJsonBody(issueKeySchema)
  @ApiAnswer(201, issuedKeySchema, 'The key, whole, with its id')
  @Access('administrator')
  @ApiErrors(
    'ORGANISATION_NOT_FOUND',
    'USER_NOT_FOUND',
    'API_KEY_ALREADY_ISSUED',
    'DATABASE_UNAVAILABLE',
  )
  issueKey(
    @Param('orgId') orgId: string,
    @Param('userId') userId: string,
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user: Principal,
  ) {
    const { label } = parseOr400(issueKeySchema, body ?? {}, 'body');
    return this.users.issueKey(
      orgId,
      userId,
      { label, idempotencyKey: idempotencyKeyOf(key) },
      user.userId,
    );
  }

  @Get('organisations/:orgId/users/:userId/api-keys')
  @ApiOperation({
    operationId: 'listApiKeys',
    summary: 'The user’s keys, newest first (never a secret)',
  })
  @ApiAnswer(200, apiKeysSchema, 'The keys, revoked ones included')
  @Access('administrator')
  @ApiErrors('ORGANISATION_NOT_FOUND', 'USER_NOT_FOUND', 'DATABASE_UNAVAILABLE')
  keys(@Param('orgId') orgId: string, @Param('userId') userId: string) {
    return this.users.keys(orgId, userId);
  }

  @Delete('organisations/:orgId/users/:userId/api-keys/:keyId')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'revokeApiKey',
    summary: 'Revoke a key: it signs in no more, from the next request on',
    description: 'Idempotent: a key revoked before answers its first revocation.',
  })
  @ApiAnswer(200, apiKeyInfoSchema, 'The key, revoked')
  @Access('administrator')
  @ApiErrors(
    'ORGANISATION_NOT_FOUND',
    'USER_NOT_FOUND',
    'API_KEY_NOT_FOUND',
    'DATABASE_UNAVAILABLE',
  )
  revoke(
    @Param('orgId') orgId: string,
    @Param('userId') userId: string,
    @Param('keyId') keyId: string,
    @CurrentUser() user: Principal,
  ) {
    return this.users.revokeKey(orgId, userId, keyId, user.userId);
  }
}
