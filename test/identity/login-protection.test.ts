import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/** The local sign-in (POST /auth/login) as an attacker would try it: guessing passwords, probing e-mails. */
let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => {
  await runtime?.stop();
});

const login = (email: string, password: string) =>
  call(`${runtime.api}/auth/login`, { method: 'POST', body: { email, password } });

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

describe('local sign-in against guessing', () => {
  it('locks an e-mail out after 5 wrong passwords, with Retry-After, even for the right password', async () => {
    const email = 'lead@helpdesk.example';
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const wrong = await login(email, `guess-${attempt}`);
      expect(wrong.status).toBe(401);
    }
    const sixth = await login(email, 'guess-6');
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(sixth.body).toMatchObject({ status: 429, title: 'Too many requests' });
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    const right = await login(email, 'demo');
    expect(right.status).toBe(429);
    expect(right.body.token).toBeUndefined();

    // Another account from the same address is not locked by it.
    expect((await login('agent@helpdesk.example', 'demo')).status).toBe(200);
  });

  it('takes as long for an unknown e-mail as for a known one', async () => {
    const known = [
      'client@acme.example',
      'client@globex.example',
      'agent2@helpdesk.example',
      'admin@helpdesk.example',
    ];
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    const timed = async (email: string) => {
      const started = performance.now();
      const answer = await login(email, 'not-the-password');
      const elapsed = performance.now() - started;
      expect(answer.status).toBe(401);
      return elapsed;
    };
    // Warm up both paths (module load, first table read), then interleave so load hits both alike.
    await timed('warm-up@nowhere.example');
    await login('client@acme.example', 'demo');
    for (let round = 0; round < 20; round += 1) {
      // At most 4 failures per known account (the fifth would lock it, not what this measures);
      // a successful sign-in between rounds clears the count.
      const email = known[round % known.length] as string;
      if (round % known.length === 0 && round > 0) {
        for (const account of known) expect((await login(account, 'demo')).status).toBe(200);
      }
      knownTimes.push(await timed(email));
      unknownTimes.push(await timed(`nobody-${round}@nowhere.example`));
    }
    const [fast, slow] = [median(knownTimes), median(unknownTimes)].sort((a, b) => a - b) as [number, number];
    expect(slow / fast).toBeLessThan(2);
  }, 180_000);
});
