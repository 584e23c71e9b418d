import type { NoticeKind, NotificationKey } from '#notifications/notices.js';
import {
  type ClaimResult,
  NoticeClaimLost,
  type NotificationLog,
  type NotificationRecord,
} from '#notifications/ports.js';

interface Entry {
  kind: NoticeKind;
  state: NotificationRecord['state'];
  owner: string | null;
  leaseUntil: number | null;
  deliveredTo: Set<string>;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

const id = (key: NotificationKey) => JSON.stringify([key.ticketId, key.clock, key.level]);

/**
 * The notification log in memory, with the same conditions as the DynamoDB adapter (the
 * contract tests run both). For use-case tests of callers of the Notifier; one process only.
 */
export class InMemoryNotificationLog implements NotificationLog {
  private readonly entries = new Map<string, Entry>();

  async claim(
    key: NotificationKey,
    claim: { kind: NoticeKind; owner: string; now: Date; leaseUntil: Date },
  ): Promise<ClaimResult> {
    const entry = this.entries.get(id(key));
    if (entry?.state === 'sent') return { outcome: 'sent' };
    if (entry && (entry.leaseUntil ?? 0) > claim.now.getTime()) {
      return { outcome: 'busy', leaseUntil: new Date(entry.leaseUntil ?? 0).toISOString() };
    }
    const next: Entry = {
      kind: claim.kind,
      state: 'sending',
      owner: claim.owner,
      leaseUntil: claim.leaseUntil.getTime(),
      deliveredTo: entry?.deliveredTo ?? new Set(),
      attempts: (entry?.attempts ?? 0) + 1,
      lastError: entry?.lastError ?? null,
      createdAt: entry?.createdAt ?? claim.now.toISOString(),
      sentAt: null,
    };
    this.entries.set(id(key), next);
    return { outcome: 'claimed', deliveredTo: new Set(next.deliveredTo) };
  }

  private owned(key: NotificationKey, owner: string): Entry {
    const entry = this.entries.get(id(key));
    if (!entry || entry.owner !== owner || entry.state !== 'sending') throw new NoticeClaimLost(key);
    return entry;
  }

  async recordDelivery(key: NotificationKey, owner: string, delivery: { recipient: string }): Promise<void> {
    this.owned(key, owner).deliveredTo.add(delivery.recipient);
  }

  async complete(
    key: NotificationKey,
    owner: string,
    now: Date,
    lastDelivery?: { recipient: string },
  ): Promise<void> {
    const entry = this.owned(key, owner);
    if (lastDelivery) entry.deliveredTo.add(lastDelivery.recipient);
    Object.assign(entry, { state: 'sent', sentAt: now.toISOString(), owner: null, leaseUntil: null });
  }

  async release(key: NotificationKey, owner: string, reason: string): Promise<void> {
    const entry = this.owned(key, owner);
    Object.assign(entry, { state: 'failed', leaseUntil: 0, lastError: reason });
  }

  async find(key: NotificationKey): Promise<NotificationRecord | null> {
    const entry = this.entries.get(id(key));
    if (!entry) return null;
    return {
      key,
      kind: entry.kind,
      state: entry.state,
      deliveredTo: [...entry.deliveredTo].sort(),
      owner: entry.owner,
      leaseUntil: entry.leaseUntil === null ? null : new Date(entry.leaseUntil).toISOString(),
      attempts: entry.attempts,
      lastError: entry.lastError,
      createdAt: entry.createdAt,
      sentAt: entry.sentAt,
    };
  }
}
