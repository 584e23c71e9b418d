/**
 * The wire types of the public API, taken from the zod schemas in shared/ (types only: no
 * zod and no validation code reaches the browser bundle).
 */

export type { Role } from '../../../shared/identity/caller.js';
export type {
  Change,
  CreateTicketBody,
  Feedback,
  FeedbackBody,
  Message,
  PatchTicketBody,
  Priority,
  Queue,
  TicketEvent,
  TicketView as Ticket,
  UserRefView as UserRef,
} from '../../../shared/tickets/schemas.js';
export type { SlaView as SlaState } from '../../../shared/tickets/sla-state.js';
export type { TicketStatus } from '../../../shared/tickets/status.js';

import type { Role } from '../../../shared/identity/caller.js';

/** `GET /me` and the `user` of `POST /auth/login`. */
export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgId: string | null;
  locale?: string;
  /** IANA time zone of the account (the local login sends it; otherwise the browser's applies). */
  timeZone?: string;
}

/** A member of staff, as `GET /users?role=agent` lists them. */
export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** ISO-8601 duration (`PT15M`) or whole seconds. */
export type Duration = string | number;

/** One SLA policy, as docs/architecture.md (SLA clocks) puts it on the wire; `null` switches a clock or timeout off. */
export interface SlaPolicy {
  id: string;
  name: string;
  match: { priority: string[]; category: string[]; orgId: string[]; channel: string[] };
  calendarId: string;
  targets: { timeToOpen: Duration | null; timeToResolve: Duration | null; totalServiceTime: Duration | null };
  reminders: number[];
  atRisk: number | null;
  pickupTimeout: Duration | null;
  autoCloseAfter: Duration;
}

export interface RuntimeConfig {
  auth: 'local' | 'cognito';
  apiBase: string;
  region?: string;
  userPoolId?: string;
  clientId?: string;
  domain?: string;
}
