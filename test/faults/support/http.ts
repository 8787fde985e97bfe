export interface Answer {
  status: number;
  body: unknown;
}

/** One JSON request to the API; throws as fetch does when there is no answer (refused, reset, timeout). */
export async function request(
  url: string,
  method: 'GET' | 'POST',
  options: { key: string; body?: unknown; idempotencyKey?: string; timeoutMs?: number },
): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${options.key}`,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's error page): kept as text for the failure message.
  }
  return { status: response.status, body };
}

/** The error code of the API's one error shape, if the body has one. */
export function errorCode(body: unknown): string | undefined {
  const error = (body as { error?: { code?: unknown } } | undefined)?.error;
  return typeof error?.code === 'string' ? error.code : undefined;
}
