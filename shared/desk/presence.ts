import * as z from 'zod';
import { Timestamp } from '#tickets/timestamp.js';

/**
 * Presence on a ticket (docs/desk.md): staff tell the desk every few seconds that they are
 * viewing or replying to a ticket, so colleagues see it and do not answer twice. A record lasts
 * PRESENCE_TTL_SECONDS after the last heartbeat.
 */
export const PRESENCE_TTL_SECONDS = 30;

export const presenceStates = ['viewing', 'replying'] as const;
export const PresenceState = z.enum(presenceStates);
export type PresenceState = z.infer<typeof PresenceState>;

export const PresenceBody = z
  .strictObject({
    state: PresenceState.meta({ description: 'A heartbeat: repeat it at least every 30 s to stay present' }),
  })
  .meta({ id: 'PresenceHeartbeat' });
export type PresenceBody = z.infer<typeof PresenceBody>;

export const Presence = z
  .object({
    user: z.object({ id: z.string(), name: z.string() }),
    state: PresenceState,
    since: Timestamp.meta({ description: 'When this person entered this state' }),
  })
  .meta({ id: 'Presence' });
export type Presence = z.infer<typeof Presence>;

export const PresenceList = z
  .array(Presence)
  .meta({ id: 'PresenceList', description: 'The other people on the ticket, the caller left out' });

/** Epoch seconds at which a heartbeat sent at `now` stops counting. */
export const expiryOf = (now: Date): number =>
  Math.ceil((now.getTime() + PRESENCE_TTL_SECONDS * 1000) / 1000);

/** Whether a record with this expiry still counts at `now` (TTL deletes lazily, so reads check). */
export const nowInSeconds = (now: Date): number => Math.floor(now.getTime() / 1000);
