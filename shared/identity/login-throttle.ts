/**
 * Sign-in attempts per e-mail and client address: after `maxFailures` wrong passwords within
 * `windowMs`, that pair is locked until the window of its first failure ends, whatever the
 * password (a correct one included), so guessing costs the attacker the window each time.
 * Unknown e-mails count like known ones: a lock never reveals that an account exists.
 */
export interface LoginThrottleOptions {
  maxFailures: number;
  windowMs: number;
  now?: () => number;
}

export const defaultLoginThrottle = { maxFailures: 5, windowMs: 15 * 60 * 1000 } as const;

interface Failures {
  count: number;
  firstAt: number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();
  private readonly now: () => number;

  constructor(private readonly options: LoginThrottleOptions = defaultLoginThrottle) {
    this.now = options.now ?? Date.now;
  }

  private key = (email: string, clientAddress: string) =>
    `${email.trim().toLowerCase()}\u0000${clientAddress}`;

  private current(key: string): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry && this.now() - entry.firstAt >= this.options.windowMs) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Seconds until this pair may try again, or 0 when it is not locked. */
  lockedFor(email: string, clientAddress: string): number {
    const entry = this.current(this.key(email, clientAddress));
    if (!entry || entry.count < this.options.maxFailures) return 0;
    return Math.max(1, Math.ceil((entry.firstAt + this.options.windowMs - this.now()) / 1000));
  }

  recordFailure(email: string, clientAddress: string): void {
    const key = this.key(email, clientAddress);
    const entry = this.current(key);
    if (entry) entry.count += 1;
    else this.failures.set(key, { count: 1, firstAt: this.now() });
    this.prune();
  }

  recordSuccess(email: string, clientAddress: string): void {
    this.failures.delete(this.key(email, clientAddress));
  }

  /** Forgets expired windows so a flood of distinct e-mails cannot grow the map for ever. */
  private prune(): void {
    if (this.failures.size < 10_000) return;
    for (const key of [...this.failures.keys()]) this.current(key);
  }
}
