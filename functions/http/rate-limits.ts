/**
 * Per-caller request budgets of the API, one token bucket per caller and kind of request:
 * `rate` requests a second refill it, up to `burst`. The local gateway enforces them as
 * they are (local/gateway/rate-limit.ts); in the cloud AWS WAF counts per caller at the
 * CloudFront edge and the HTTP API stage throttles each route (infra/constructs/api.ts).
 */
export type RateLimitPolicyName = 'reads' | 'writes';

export interface RateLimitPolicy {
  name: RateLimitPolicyName;
  /** Requests a second a caller may sustain. */
  rate: number;
  /** Requests a caller may send at once before the rate applies. */
  burst: number;
}

export const callerRateLimits: Readonly<Record<RateLimitPolicyName, RateLimitPolicy>> = {
  reads: { name: 'reads', rate: 100, burst: 200 },
  writes: { name: 'writes', rate: 20, burst: 40 },
};

/** GET, HEAD and OPTIONS read; every other method writes. */
export const rateLimitPolicyOf = (method: string): RateLimitPolicyName =>
  ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) ? 'reads' : 'writes';
