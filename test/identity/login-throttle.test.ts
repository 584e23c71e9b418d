import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '#identity/login-throttle.js';

describe('login throttle', () => {
  it('unlocks an e-mail once 15 minutes have passed since its first wrong password', () => {
    let now = 0;
    const throttle = new LoginThrottle({ maxFailures: 5, windowMs: 15 * 60_000, now: () => now });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      throttle.recordFailure('Lead@Helpdesk.example', '10.0.0.1');
      now += 60_000;
    }
    expect(throttle.lockedFor('lead@helpdesk.example', '10.0.0.1')).toBe(10 * 60);
    expect(throttle.lockedFor('lead@helpdesk.example', '10.0.0.2')).toBe(0);
    now = 15 * 60_000;
    expect(throttle.lockedFor('lead@helpdesk.example', '10.0.0.1')).toBe(0);
  });
});
