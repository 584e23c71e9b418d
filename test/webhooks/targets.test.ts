import { describe, expect, it } from 'vitest';
import { nextAttemptAt, resultOfStatus, retryPolicy } from '#webhooks/delivery.js';
import { isPublicAddress } from '#webhooks/targets.js';

describe('public addresses (SSRF rules)', () => {
  it.each(['93.184.215.14', '8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '2a00:1450:4001:82a::200e'])(
    '%s is public',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it.each([
    '127.0.0.1',
    '10.0.0.1',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd12:3456::1',
    'fc00::1',
    '::ffff:a9fe:a9fe',
    '::ffff:127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '2002:a9fe:a9fe::1',
    'ff02::1',
    'not-an-address',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('retry schedule', () => {
  const policy = retryPolicy();
  const createdAt = '2026-03-02T00:00:00.000Z';

  it('doubles from 1 minute up to 6 hours and gives up after 24 hours', () => {
    const delays: number[] = [];
    let now = new Date(createdAt);
    for (let attempts = 1; ; attempts++) {
      const next = nextAttemptAt(policy, { createdAt, attempts }, now);
      if (!next) break;
      delays.push((next.getTime() - now.getTime()) / 60_000);
      now = next;
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360]);
    expect(now.getTime() - Date.parse(createdAt)).toBeLessThanOrEqual(24 * 3_600_000);
  });

  it('retries 5xx, 408 and 429, not other answers', () => {
    expect(resultOfStatus(204).outcome).toBe('delivered');
    expect(resultOfStatus(503).outcome).toBe('retryable');
    expect(resultOfStatus(429).outcome).toBe('retryable');
    expect(resultOfStatus(408).outcome).toBe('retryable');
    expect(resultOfStatus(404).outcome).toBe('rejected');
    expect(resultOfStatus(301).outcome).toBe('rejected');
  });
});
