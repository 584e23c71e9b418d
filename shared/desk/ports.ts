import type { CannedResponse } from './canned-response.js';
import type { Presence, PresenceState } from './presence.js';
import type { SavedView } from './saved-view.js';

/** Canned responses in the table: shared ones in one partition, personal ones per owner. */
export interface CannedResponseStore {
  /** The shared responses and the caller's personal ones (both bounded, one page each). */
  list(ownerId: string): Promise<CannedResponse[]>;
  /** The shared response of this id, or the caller's personal one; null if neither. */
  find(id: string, ownerId: string): Promise<CannedResponse | null>;
  /** Conflict when the partition is full. */
  create(response: CannedResponse): Promise<void>;
  /** PreconditionFailed when it moved past `expectedVersion`, NotFound when it is gone. */
  update(response: CannedResponse, expectedVersion: number): Promise<void>;
  /** NotFound when it is gone. */
  delete(response: CannedResponse): Promise<void>;
}

/** Saved views in the table: shared ones in one partition, personal ones per owner. */
export interface SavedViewStore {
  /** The shared views and the caller's own (both bounded, one page each). */
  list(ownerId: string): Promise<SavedView[]>;
  /** The shared view of this id, or the caller's own; null if neither. */
  find(id: string, ownerId: string): Promise<SavedView | null>;
  /** Conflict when the partition is full. */
  create(view: SavedView): Promise<void>;
  /** PreconditionFailed when it moved past `expectedVersion`, NotFound when it is gone. */
  update(view: SavedView, expectedVersion: number): Promise<void>;
  /** NotFound when it is gone. */
  delete(view: SavedView): Promise<void>;
}

export interface PresenceRecord extends Presence {
  /** When the last heartbeat said the person is still there. */
  lastSeen: string;
  /** Epoch seconds after which the record no longer counts (and TTL may delete it). */
  expiresAt: number;
}

/** Who is on a ticket: one record per person, replaced by each heartbeat. */
export interface PresenceStore {
  /** Writes the person's record (a heartbeat), replacing their previous one. */
  put(ticketId: string, record: PresenceRecord): Promise<void>;
  /** The records of a ticket still valid at `nowSeconds` (expired ones are filtered on read). */
  list(ticketId: string, nowSeconds: number): Promise<PresenceRecord[]>;
  /** The caller's current record, expired or not, and whether the ticket exists, in one read. */
  ownAndTicket(
    ticketId: string,
    userId: string,
  ): Promise<{ ticketExists: boolean; own: PresenceRecord | null }>;
}

export type { PresenceState };
