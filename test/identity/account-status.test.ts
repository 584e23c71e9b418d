import { describe, expect, it } from 'vitest';
import { accountCheckTtlMs, accountDeactivated, activeAccountCheck } from '#identity/account-status.js';
import type { StoredUser } from '#identity/user.js';

const agent: StoredUser = {
  id: 'user-agent',
  email: 'agent@helpdesk.example',
  name: 'Agent',
  role: 'agent',
  orgId: null,
  locale: 'en',
  timeZone: 'UTC',
};

/** A directory that counts its reads, and a clock the test moves. */
const setUp = (ttlMs = 60_000) => {
  const accounts = new Map<string, StoredUser>([[agent.id, agent]]);
  let reads = 0;
  let now = Date.parse('2026-12-02T10:00:00Z');
  const check = activeAccountCheck(
    {
      getById: async (id) => {
        reads++;
        return accounts.get(id) ?? null;
      },
    },
    { now: () => new Date(now) },
    ttlMs,
  );
  return {
    check,
    accounts,
    reads: () => reads,
    advance: (ms: number) => {
      now += ms;
    },
  };
};

describe('the account check a route runs on a user token', () => {
  it('reads an active account once a minute per container, and sees a deactivation after that minute', async () => {
    const { check, accounts, reads, advance } = setUp();
    expect(await check(agent.id)).toBe(true);
    advance(59_000);
    expect(await check(agent.id)).toBe(true);
    expect(reads()).toBe(1);
    accounts.set(agent.id, { ...agent, active: false });
    advance(1_000);
    expect(await check(agent.id)).toBe(false);
    expect(reads()).toBe(2);
  });

  it('keeps no inactive or missing answer: a reactivated account passes on its next request', async () => {
    const { check, accounts, reads } = setUp();
    accounts.set(agent.id, { ...agent, active: false });
    expect(await check(agent.id)).toBe(false);
    expect(await check('user-deleted')).toBe(false);
    accounts.set(agent.id, agent);
    expect(await check(agent.id)).toBe(true);
    expect(reads()).toBe(3);
  });

  it('shares one read among concurrent requests of one person', async () => {
    const { check, reads } = setUp();
    expect(await Promise.all([check(agent.id), check(agent.id), check(agent.id)])).toEqual([
      true,
      true,
      true,
    ]);
    expect(reads()).toBe(1);
  });

  it('forgets its kept answers when an account is deactivated in this process: refused at once, not after the minute', async () => {
    const { check, accounts, reads } = setUp();
    expect(await check(agent.id)).toBe(true);
    accounts.set(agent.id, { ...agent, active: false });
    accountDeactivated();
    expect(await check(agent.id)).toBe(false);
    expect(reads()).toBe(2);
  });

  it('neither joins nor keeps a read that was under way when a deactivation landed', async () => {
    const accounts = new Map<string, StoredUser>([[agent.id, agent]]);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reads = 0;
    const check = activeAccountCheck(
      {
        getById: async (id) => {
          reads++;
          // The first read saw the account before the deactivation and answers late.
          const seen = accounts.get(id) ?? null;
          if (reads === 1) await gate;
          return seen;
        },
      },
      { now: () => new Date('2026-12-02T10:00:00Z') },
    );
    const before = check(agent.id);
    accounts.set(agent.id, { ...agent, active: false });
    accountDeactivated();
    const after = check(agent.id);
    release();
    expect(await before).toBe(true);
    expect(await after).toBe(false);
    expect(await check(agent.id)).toBe(false);
    expect(reads).toBe(3);
  });

  it('reads on every request with a time of 0, and lets nobody through when the read fails', async () => {
    const { check, reads } = setUp(0);
    await check(agent.id);
    await check(agent.id);
    expect(reads()).toBe(2);
    const failing = activeAccountCheck(
      { getById: () => Promise.reject(new Error('throttled')) },
      { now: () => new Date() },
    );
    await expect(failing(agent.id)).rejects.toThrow('throttled');
  });
});

describe('how long a container trusts an active account (ACCOUNT_CHECK_SECONDS)', () => {
  it('is a minute unless set, and the seconds set from 0 to 600', () => {
    expect(accountCheckTtlMs({})).toBe(60_000);
    expect(accountCheckTtlMs({ ACCOUNT_CHECK_SECONDS: '' })).toBe(60_000);
    expect(accountCheckTtlMs({ ACCOUNT_CHECK_SECONDS: '0' })).toBe(0);
    expect(accountCheckTtlMs({ ACCOUNT_CHECK_SECONDS: '600' })).toBe(600_000);
  });

  it('refuses a value that is not a whole number of seconds in range, naming the variable', () => {
    for (const value of ['-1', '601', '1.5', 'soon'])
      expect(() => accountCheckTtlMs({ ACCOUNT_CHECK_SECONDS: value }), value).toThrow(
        /ACCOUNT_CHECK_SECONDS/,
      );
  });
});
