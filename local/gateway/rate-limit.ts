import type { ServerResponse } from 'node:http';
import { problemResponse, toProblem } from '#functions/http/problem.js';
import {
  callerRateLimits,
  type RateLimitPolicy,
  type RateLimitPolicyName,
  rateLimitPolicyOf,
} from '#functions/http/rate-limits.js';
import { TooManyRequests } from '#platform/errors.js';
import { send } from './event.js';

/** The budgets a local server enforces, or `'off'` (tests that fire thousands of requests on purpose). */
export type RateLimitSettings = Readonly<Record<RateLimitPolicyName, RateLimitPolicy>> | 'off';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Response headers: `RateLimit-Policy` and `RateLimit` always, `Retry-After` when refused. */
  headers: Record<string, string>;
  retryAfterSeconds: number;
  policy: RateLimitPolicy;
}

/**
 * Token buckets per caller (the token's subject, or the client address when anonymous) and
 * per policy (reads, writes). Headers follow draft-ietf-httpapi-ratelimit-headers (-08 and
 * later): `RateLimit-Policy: "writes";q=40;w=2` (quota q in a window of w seconds: the burst
 * and the time the bucket takes to refill) and `RateLimit: "writes";r=0;t=1` (r requests
 * left, t seconds until the next one is allowed when none are left, else until full).
 */
export const rateLimiter = (settings: RateLimitSettings = callerRateLimits, now: () => number = Date.now) => {
  const buckets = new Map<string, Bucket>();

  const prune = (at: number) => {
    if (buckets.size < 10_000 || settings === 'off') return;
    for (const [key, bucket] of buckets) {
      if (at - bucket.updatedAt > 60_000) buckets.delete(key);
    }
  };

  return (caller: string, method: string): RateDecision | null => {
    if (settings === 'off') return null;
    const policy = settings[rateLimitPolicyOf(method)];
    const at = now();
    const key = `${policy.name}\u0000${caller}`;
    const bucket = buckets.get(key) ?? { tokens: policy.burst, updatedAt: at };
    bucket.tokens = Math.min(policy.burst, bucket.tokens + ((at - bucket.updatedAt) / 1000) * policy.rate);
    bucket.updatedAt = at;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    buckets.set(key, bucket);
    prune(at);
    const remaining = Math.floor(bucket.tokens);
    const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / policy.rate));
    const untilFull = Math.ceil((policy.burst - bucket.tokens) / policy.rate);
    const window = Math.max(1, Math.ceil(policy.burst / policy.rate));
    return {
      allowed,
      policy,
      retryAfterSeconds,
      headers: {
        'ratelimit-policy': `"${policy.name}";q=${policy.burst};w=${window}`,
        ratelimit: `"${policy.name}";r=${remaining};t=${allowed ? untilFull : retryAfterSeconds}`,
        ...(allowed ? {} : { 'retry-after': String(retryAfterSeconds) }),
      },
    };
  };
};

/** The 429 problem+json answer of a refused request. */
export const sendRateLimited = (
  response: ServerResponse,
  decision: RateDecision,
  requestId: string,
  instance: string,
): void => {
  const error = new TooManyRequests(
    `Too many ${decision.policy.name} from this caller (at most ${decision.policy.rate} a second, ${decision.policy.burst} at once): retry in ${decision.retryAfterSeconds} s`,
    decision.retryAfterSeconds,
  );
  send(response, problemResponse(toProblem(error, requestId, instance), decision.headers));
};
