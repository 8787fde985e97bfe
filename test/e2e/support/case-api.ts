import { localDate, toInstant } from '@banso/domain';
import { ANALYSIS, planData } from '@banso/testing/fixtures';
import type { E2eStack } from './stack';

export const ORG = 'kanazawa-cci';

/** The platform administrator's key the test stacks run with (BANSO_ADMIN_API_KEY). */
export const TEST_ADMIN_KEY = 'test-platform-administrator-key-0123456789';

/** The identity provider's shared secret the test stacks trust (BANSO_JWT_SECRET). */
export const TEST_JWT_SECRET = 'test-identity-provider-shared-secret-0123456789';

/** The people every test organisation is created with: their ids are their roles' examples. */
export const PEOPLE = [
  { id: 'officer-sato', name: '佐藤 一郎', role: 'officer' },
  { id: 'officer-ito', name: '伊藤 二郎', role: 'officer' },
  { id: 'manager-suzuki', name: '鈴木 花子', role: 'manager' },
  { id: 'manager-takahashi', name: '高橋 三郎', role: 'manager' },
  { id: 'admin-yamada', name: '山田 四郎', role: 'administrator' },
] as const;

export function today(): string {
  return localDate(toInstant(Date.now()), 'Asia/Tokyo');
}

export async function createOrganisation(
  stack: E2eStack,
  id = ORG,
  policy?: object,
): Promise<void> {
  const admin = stack.as('platform-administrator');
  const res = await stack.http(
    'POST',
    '/organisations',
    { id, name: '金沢商工会議所', policy },
    admin,
  );
  if (res.status !== 201) throw new Error(`organisation not created: ${JSON.stringify(res.body)}`);
  for (const person of PEOPLE) {
    const user = await stack.http('POST', `/organisations/${id}/users`, person, admin);
    if (user.status !== 201) throw new Error(`user not created: ${JSON.stringify(user.body)}`);
    const key = await stack.http(
      'POST',
      `/organisations/${id}/users/${person.id}/api-keys`,
      { label: 'e2e' },
      admin,
    );
    if (key.status !== 201) throw new Error(`key not issued: ${JSON.stringify(key.body)}`);
    stack.keys.set(`${id}/${person.id}`, (key.body as { key: string }).key);
  }
}

export async function openCase(
  stack: E2eStack,
  kind: 'standard' | 'founder' | 'succession',
  key: string,
  org = ORG,
): Promise<string> {
  const res = await stack.http(
    'POST',
    `/organisations/${org}/cases`,
    {
      firm: { name: `株式会社${key}`, industry: '製造業', employees: 12 },
      kind,
      officerId: 'officer-sato',
    },
    { 'idempotency-key': key },
  );
  if (res.status !== 201)
    throw new Error(`case not opened: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { caseId: string }).caseId;
}

export function casePath(caseId: string, org = ORG): string {
  return `/organisations/${org}/cases/${caseId}`;
}

/** Analysis, plan and approval over HTTP; returns the last response. */
export async function toFollowUp(stack: E2eStack, caseId: string) {
  const path = casePath(caseId);
  expect((await stack.http('POST', `${path}/analysis`, ANALYSIS)).status).toBe(200);
  expect((await stack.http('POST', `${path}/plan/draft`, planData(today(), 36))).status).toBe(200);
  const approved = await stack.http(
    'POST',
    `${path}/plan/approve`,
    { note: '事業者と合意' },
    stack.as('manager-suzuki'),
  );
  expect(approved.status).toBe(200);
  return approved;
}
