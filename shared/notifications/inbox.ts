import * as z from 'zod';
import { PageQuery } from '#tickets/schemas.js';
import { Timestamp } from '#tickets/timestamp.js';
import { type AgentNotificationKind, agentNotificationKinds } from './agent-notification-kinds.js';

/**
 * A staff member's inbox: the agent notifications of docs/notifications.md, kept for them in
 * the product, with an unread count, and their preferences for being told by mail as well.
 */

export const NotificationKind = z.enum(agentNotificationKinds).meta({
  id: 'NotificationKind',
  description:
    'ticketCreated (a new ticket in your queue), clientReplied, ticketReopened (on your ticket, or an unassigned one in your queue), ticketAssigned (to you), mentioned (@you in an internal note)',
});

/** A notification id is the id of the ticket event that caused it (a ULID). */
export const NotificationId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a notification id');

/** One notification as stored: what happened, on which ticket, by whom. */
export interface InboxEntry {
  id: string;
  kind: AgentNotificationKind;
  ticketId: string;
  ticketReference: string;
  ticketSubject: string;
  actor: { id: string; name: string };
  /** The start of the message or note it is about, or of the new ticket's description. */
  excerpt: string | null;
  at: string;
}

export const AgentNotification = z
  .object({
    id: NotificationId,
    kind: NotificationKind,
    ticketId: z.string(),
    ticketReference: z.string().meta({ example: 'HD-2026-000042' }),
    ticketSubject: z.string().meta({ description: 'The subject when the notification was made' }),
    actor: z.object({ id: z.string(), name: z.string() }).meta({ description: 'Who caused it' }),
    excerpt: z.string().nullable(),
    at: Timestamp,
    read: z.boolean(),
  })
  .meta({ id: 'Notification' });
export type AgentNotification = z.infer<typeof AgentNotification>;

export const NotificationPage = z
  .object({
    items: z.array(AgentNotification),
    nextCursor: z.string().nullable(),
    unread: z
      .int()
      .min(0)
      .meta({ description: 'Unread notifications in the whole inbox, not only this page' }),
  })
  .meta({ id: 'NotificationPage' });
export type NotificationPage = z.infer<typeof NotificationPage>;

export const NotificationsQuery = PageQuery;

/** At most this many ids per `POST /me/notifications/read`: one transaction marks them all. */
export const MAX_MARK_READ = 50;

export const MarkReadBody = z
  .strictObject({
    ids: z
      .array(NotificationId)
      .min(1, 'Give at least one id')
      .max(MAX_MARK_READ, `At most ${MAX_MARK_READ} ids at a time; use all: true for everything`)
      .optional(),
    all: z.literal(true).optional().meta({ description: 'Mark every notification read' }),
  })
  .refine((body) => (body.ids === undefined) !== (body.all === undefined), {
    message: 'Give either ids or all: true',
    path: ['ids'],
  })
  .meta({ id: 'MarkNotificationsRead' });
export type MarkReadBody = z.infer<typeof MarkReadBody>;

export const UnreadCount = z
  .object({ unread: z.int().min(0) })
  .meta({ id: 'UnreadCount', description: 'The unread notifications after the change' });
export type UnreadCount = z.infer<typeof UnreadCount>;

const mailShape = Object.fromEntries(agentNotificationKinds.map((kind) => [kind, z.boolean()])) as Record<
  AgentNotificationKind,
  z.ZodBoolean
>;

export const NotificationPreferences = z
  .object({
    mail: z
      .object(mailShape)
      .meta({ description: 'Per kind: also send a mail (true) or only notify in the product' }),
  })
  .meta({ id: 'NotificationPreferences' });
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const PreferencesBody = z
  .strictObject({
    mail: z
      .strictObject(
        Object.fromEntries(agentNotificationKinds.map((kind) => [kind, z.boolean().optional()])) as Record<
          AgentNotificationKind,
          z.ZodOptional<z.ZodBoolean>
        >,
      )
      .meta({ description: 'A kind left out is mailed (the default)' }),
  })
  .meta({ id: 'NewNotificationPreferences' });
export type PreferencesBody = z.infer<typeof PreferencesBody>;

/** Everyone is mailed every kind until they say otherwise. */
export const defaultPreferences = (): NotificationPreferences => ({
  mail: Object.fromEntries(agentNotificationKinds.map((kind) => [kind, true])) as Record<
    AgentNotificationKind,
    boolean
  >,
});

/** Stored preferences over the defaults: a kind added later is mailed until turned off. */
export const preferencesOf = (
  mail: Partial<Record<string, unknown>> | undefined,
): NotificationPreferences => {
  const preferences = defaultPreferences();
  for (const kind of agentNotificationKinds) {
    const value = mail?.[kind];
    if (typeof value === 'boolean') preferences.mail[kind] = value;
  }
  return preferences;
};

/**
 * A person's inbox in the table. Every method takes a constant number of calls: the unread
 * count is a counter beside the items, and "all read" moves a watermark instead of touching
 * each item (the adapter: shared/notifications/adapters/dynamodb-inbox.ts).
 */
export interface Inbox {
  /** Adds a notification once: 'exists' when the same one (user, event) is already there. */
  add(userId: string, entry: InboxEntry): Promise<'added' | 'exists'>;
  /** Newest first, with the unread count of the whole inbox. */
  list(userId: string, page: { limit: number; cursor?: string | undefined }): Promise<NotificationPage>;
  /** Marks these notifications read (ids not in the inbox are ignored); resolves to the unread count. */
  markRead(userId: string, ids: readonly string[]): Promise<number>;
  /** Marks everything read; resolves to the unread count (0). */
  markAllRead(userId: string): Promise<number>;
  preferences(userId: string): Promise<NotificationPreferences>;
  /** The preferences of several people at once (one call per 100). */
  preferencesOf(userIds: readonly string[]): Promise<Map<string, NotificationPreferences>>;
  savePreferences(userId: string, preferences: NotificationPreferences): Promise<void>;
}
