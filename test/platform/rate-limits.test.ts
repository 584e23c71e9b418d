import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerRateLimits } from '#functions/http/rate-limits.js';
import { rateLimiter } from '#local/gateway/rate-limit.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/** One caller flooding the API is slowed down; everybody else keeps their own budget. */
let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime({ rateLimits: callerRateLimits });
});
afterAll(async () => {
  await runtime?.stop();
});

describe('per-caller rate limits', () => {
  it('answers a burst of writes above the limit with 429 problem+json, Retry-After and RateLimit headers', async () => {
    const flooder = await runtime.token('client@acme.example');
    // An invalid body: each request is refused (400) by the function if the gateway lets it through.
    const answers = await Promise.all(
      Array.from({ length: 120 }, () =>
        call(`${runtime.api}/tickets`, { method: 'POST', token: flooder, body: {} }),
      ),
    );
    const refused = answers.filter((answer) => answer.status === 429);
    const served = answers.filter((answer) => answer.status !== 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(served.length).toBeGreaterThanOrEqual(callerRateLimits.writes.burst);
    for (const answer of served) expect(answer.status).toBe(400);

    const [first] = refused;
    expect(first?.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(first?.body).toMatchObject({ status: 429, title: 'Too many requests' });
    expect(Number(first?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(first?.headers.get('ratelimit-policy')).toBe('"writes";q=40;w=2');
    expect(first?.headers.get('ratelimit')).toMatch(/^"writes";r=0;t=[1-9]\d*$/);

    // Another caller is unaffected, and so are the flooder's reads.
    const other = await call(`${runtime.api}/tickets`, {
      method: 'POST',
      token: await runtime.token('client@globex.example'),
      body: {},
    });
    expect(other.status).toBe(400);
    expect(other.headers.get('ratelimit')).toMatch(/^"writes";r=(3\d|[1-9]);t=\d+$/);
    const reads = await call(`${runtime.api}/me`, { token: flooder });
    expect(reads.status).toBe(200);
    expect(reads.headers.get('ratelimit-policy')).toBe('"reads";q=200;w=2');
  });

  it('counts anonymous callers by their address', async () => {
    const answers = await Promise.all(
      Array.from({ length: 120 }, () =>
        call(`${runtime.api}/auth/login`, { method: 'POST', body: { email: 'x', password: 'y' } }),
      ),
    );
    expect(answers.some((answer) => answer.status === 429)).toBe(true);
  });

  it('lets a caller read 100 a second (a burst of 200) and write 20 a second (a burst of 40), each caller on its own budget', () => {
    // Prepare: the gateway's limiter on a clock that stands still, so the machine's speed does not matter
    let now = 1_000_000;
    const decide = rateLimiter(callerRateLimits, () => now);
    const allowedOf = (caller: string, method: string, times: number) =>
      Array.from({ length: times }, () => decide(caller, method)?.allowed).filter(Boolean).length;

    // Act and assess: the bursts, then one second of refill
    expect(allowedOf('alice', 'GET', 250)).toBe(200);
    expect(allowedOf('alice', 'POST', 60)).toBe(40);
    const refused = decide('alice', 'HEAD');
    expect(refused?.allowed).toBe(false);
    expect(refused?.headers['retry-after']).toBe('1');
    expect(allowedOf('bob', 'GET', 1)).toBe(1);
    expect(allowedOf('bob', 'PATCH', 1)).toBe(1);
    now += 1000;
    expect(allowedOf('alice', 'GET', 150)).toBe(100);
    expect(allowedOf('alice', 'DELETE', 30)).toBe(20);
  });
});
