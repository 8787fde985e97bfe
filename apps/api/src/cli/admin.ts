// `npm run admin -- <command> …`: organisations, users and API keys, straight on the database
// (DATABASE_URL), for a server that has no platform administrator key, or to give a chamber its
// first administrator. The same services as the API, so the same rules and the same answers.
import { parseArgs } from 'node:util';
import pino from 'pino';
import { OrganisationRepository, runWithDataSource, UserRepository } from '@banso/persistence';
import { ApiError } from '../errors/api-error';
import { parseOr400 } from '../http/zod-body';
import { createOrganisationSchema } from '../organisations/organisation.schemas';
import { OrganisationsService } from '../organisations/organisations.service';
import { createUserSchema, issueKeySchema } from '../users/user.schemas';
import { UsersService } from '../users/users.service';

const USAGE = `usage: npm run admin -- <command> [arguments]

  create-organisation <orgId> <name>            e.g. kanazawa-cci 金沢商工会議所
  create-user <orgId> <userId> <role> <name>    role: officer, manager or administrator
  list-users <orgId>
  issue-key <orgId> <userId> [--label <text>]   prints the key, this once
  list-keys <orgId> <userId>
  revoke-key <orgId> <userId> <keyId>

DATABASE_URL names the database (postgres://user:password@host:port/database).`;

/** Who the command line acts as, in the records it leaves (createdBy, publishedBy). */
const BY = 'npm-run-admin';

class UsageError extends Error {}

function need(args: string[], count: number, command: string): string[] {
  if (args.length !== count) throw new UsageError(`${command} takes ${count} arguments`);
  return args;
}

async function run(argv: string[], users: UsersService, orgs: OrganisationsService) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { label: { type: 'string' } },
  });
  const [command, ...args] = positionals;
  switch (command) {
    case 'create-organisation': {
      const [id, name] = need(args, 2, command);
      const body = parseOr400(createOrganisationSchema, { id, name }, 'body');
      return orgs.create(body.id, body.name, undefined, BY);
    }
    case 'create-user': {
      const [orgId, id, role, name] = need(args, 4, command);
      const user = parseOr400(createUserSchema, { id, role, name }, 'body');
      return users.create(orgId as string, user, BY);
    }
    case 'list-users':
      return users.list(need(args, 1, command)[0] as string);
    case 'issue-key': {
      const [orgId, userId] = need(args, 2, command);
      const { label } = parseOr400(issueKeySchema, { label: values.label }, 'body');
      return users.issueKey(orgId as string, userId as string, { label }, BY);
    }
    case 'list-keys': {
      const [orgId, userId] = need(args, 2, command);
      return users.keys(orgId as string, userId as string);
    }
    case 'revoke-key': {
      const [orgId, userId, keyId] = need(args, 3, command);
      return users.revokeKey(orgId as string, userId as string, keyId as string, BY);
    }
    default:
      throw new UsageError(command ? `no command ${command}` : 'name a command');
  }
}

async function main(argv: string[]): Promise<number> {
  // The answer is the only thing on stdout, so it can be piped (e.g. to jq).
  const log = pino({ name: 'banso-admin' }, pino.destination(2));
  try {
    return await runWithDataSource(process.env.DATABASE_URL, log, async (ds) => {
      const orgs = new OrganisationsService(new OrganisationRepository(ds));
      const users = new UsersService(new UserRepository(ds), orgs);
      const answer = await run(argv, users, orgs);
      process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    });
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof ApiError) {
      process.stderr.write(`${error.code}: ${error.message}\n`);
      for (const issue of error.extra.issues ?? []) {
        process.stderr.write(`  ${issue.path}: ${issue.message}\n`);
      }
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`npm run admin failed: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

export { main as adminMain };
