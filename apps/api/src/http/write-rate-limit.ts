import {
  type DynamicModule,
  type ExecutionContext,
  Injectable,
  type Provider,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerLimitDetail, ThrottlerModule } from '@nestjs/throttler';
import type { SignedInRequest } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import type { ApiConfig } from '../config/api-config';
import { ApiError } from '../errors/api-error';

/** The methods that write; reads are never limited. */
export const WRITE_METHODS: readonly string[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** WRITE_RATE_LIMIT_PER_MINUTE counts the writes of the last minute, each hit forgotten a minute after it. */
const WINDOW_MS = 60_000;

/**
 * Whose writes are counted together: the key the request signed in with, never the address it
 * came from (a chamber's officers share one office's address; one script may use many).
 */
export function rateLimitKeyOf(principal: Principal): string {
  switch (principal.via) {
    case 'apiKey':
      return `apiKey:${principal.keyId ?? principal.userId}`;
    case 'jwt':
      return `jwt:${principal.organisationId ?? ''}/${principal.userId}`;
    case 'platformKey':
      return 'platformKey';
    default: {
      const unhandled: never = principal.via;
      throw new Error(`no rate-limit key for ${String(unhandled)}`);
    }
  }
}

/**
 * @nestjs/throttler's guard, limiting each signed-in key's writes across every route. A global
 * guard registered after AuthGuard, so the principal is known; a request refused before (401,
 * 403, 404) or skipped (a read, the health probe) is not counted. Over the limit it answers 429
 * RATE_LIMITED, the guard having set Retry-After; under it, X-RateLimit-Limit, -Remaining and
 * -Reset.
 */
@Injectable()
export class WriteRateLimitGuard extends ThrottlerGuard {
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SignedInRequest>();
    return Promise.resolve(
      !WRITE_METHODS.includes(request.method.toUpperCase()) || request.principal === undefined,
    );
  }

  protected override getTracker(request: { principal?: Principal }): Promise<string> {
    return Promise.resolve(rateLimitKeyOf(request.principal as Principal));
  }

  /** One count per key for all routes (the library's default counts each route apart). */
  protected override generateKey(_: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override throwThrottlingException(
    _: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new ApiError(
      'RATE_LIMITED',
      `this key has sent ${detail.limit} writes in the last minute, the most this server takes ` +
        `(WRITE_RATE_LIMIT_PER_MINUTE); nothing was done: send it again in ${detail.timeToBlockExpire} s ` +
        '(Retry-After). Reads are not limited',
    );
  }
}

/** The throttler and its guard, when WRITE_RATE_LIMIT_PER_MINUTE is not 0; the guard must follow AuthGuard. */
export function writeRateLimit(config: ApiConfig): {
  imports: DynamicModule[];
  guards: Provider[];
} {
  if (config.WRITE_RATE_LIMIT_PER_MINUTE === 0) return { imports: [], guards: [] };
  return {
    imports: [
      ThrottlerModule.forRoot({
        // The default name: the headers are Retry-After and X-RateLimit-*, without a suffix.
        // No block: a key over the limit writes again as soon as its oldest write is a minute old.
        throttlers: [
          { ttl: WINDOW_MS, limit: config.WRITE_RATE_LIMIT_PER_MINUTE, blockDuration: 0 },
        ],
      }),
    ],
    guards: [{ provide: APP_GUARD, useClass: WriteRateLimitGuard }],
  };
}
