import { localDate, toInstant } from '@banso/domain';
import { ANALYSIS, planData } from '@banso/testing/fixtures';
import type { E2eStack } from './stack';

export const ORG = 'kanazawa-cci';

export function today(): string {
  return localDate(toInstant(Date.now()), 'Asia/Tokyo');
}

export async function createOrganisation(
  stack: E2eStack,
  id = ORG,
  policy?: object,
): Promise<void> {
  const res = await stack.http(
    'POST',
    '/organisations',
    { id, name: '金沢商工会議所', policy },
    { 'x-actor-role': 'manager', 'x-actor-id': 'manager-suzuki' },
  );
  if (res.status !== 201) throw new Error(`organisation not created: ${JSON.stringify(res.body)}`);
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
    { 'x-actor-role': 'manager', 'x-actor-id': 'manager-suzuki' },
  );
  expect(approved.status).toBe(200);
  return approved;
}
